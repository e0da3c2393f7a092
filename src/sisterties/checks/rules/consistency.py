"""Structure that cannot contradict itself: a pairing's kind agrees with its level; no claim is part of itself.

A kind names its level in its last words (``sister_province_state``, ``friendship_city``): a
``province_state`` pairing has a ``…_province_state`` kind and a ``city`` pairing a ``…_city``
kind. A claim's ``part_of_claim_id`` chain must end: a claim that is part of itself, directly or
through other claims, fails (every claim on the cycle is reported).

>>> sorted(on_cycles({"a": "b", "b": "a", "c": "a", "d": None, "e": "e"}))
['a', 'b', 'e']
"""
from __future__ import annotations

import pandas as pd

from .registry import rule


@rule("pairings", "kind", "kind_matches_level",
      "The kind names another level than the pairing's level (a sister-city kind on a province_state pairing, or the "
      "reverse): use a …_province_state kind for province_state pairings and a …_city kind for city pairings.")
def kind_matches_level(ctx, df):
    kind, level = df["kind"].astype(object), df["level"].astype(object)
    ok = [not (isinstance(k, str) and isinstance(lv, str)) or k.endswith("_" + lv) for k, lv in zip(kind, level, strict=True)]
    return pd.Series(ok, index=df.index, dtype=bool)


def on_cycles(parent: dict) -> set:
    """The keys whose chain of parents comes back to them."""
    state: dict = {}  # key -> 1 while being walked, 2 when done
    cyclic: set = set()
    for start in parent:
        path, node = [], start
        while node in parent and state.get(node) is None:
            state[node] = 1
            path.append(node)
            node = parent[node]
        if node in parent and state.get(node) == 1:  # came back to a node of this walk: a cycle from it
            cyclic.update(path[path.index(node):])
        for n in path:
            state[n] = 2
    return cyclic


@rule("claims", "part_of_claim_id", "claim_not_part_of_itself",
      "The claim is part of itself, directly or through the claims its part_of_claim_id leads to: a breakdown must end "
      "at a claim that is part of none. Fix part_of_claim_id.")
def claim_not_part_of_itself(ctx, df):
    parent = {c: p for c, p in zip(df["claim_id"].tolist(), df["part_of_claim_id"].tolist(), strict=True)
              if isinstance(c, str) and isinstance(p, str)}
    cyclic = on_cycles(parent)
    return ~df["claim_id"].isin(cyclic).astype(bool)

"""`sisterties curate apply`: research facts and a curator's decisions become valid rows; bad input is refused.

Each test writes a few facts into a fresh CSV and applies them to a scratch copy of the package.
"""
from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from helpers import read_rows

from sisterties.checks.run import validate
from sisterties.cli import main
from sisterties.curate.apply.facts import COLUMNS, source_id_of_url

URL = "https://example.org/tampa-jiaxing"
HEAD = '[pass]\nobtained_from = "test research, 2026-12-05"\n'
TABLES = ("sources", "jurisdictions", "pairings", "citations")


def fact(kind: str = "pair", **cells: str) -> dict[str, str]:
    row = dict.fromkeys(COLUMNS, "") | {
        "pair_key": "Jiaxing|Tampa", "cn_name": "Jiaxing", "cn_level": "prefecture_city", "us_name": "Tampa",
        "us_level": "city", "fact": kind, "source_url": URL, "source_title": "Tampa gains a sister city",
        "source_publisher": "Example News", "source_published": "2020-01-15", "source_kind": "news_article",
        "excerpt": "Tampa and Jiaxing became sister cities in 2019.", "tie_kind": "sister"}
    return row | cells


GOOD = [fact(),
        fact("year", value="2019"),
        fact("location", value="us", us_state="Florida", excerpt="Tampa, Florida, signed the agreement with Jiaxing."),
        fact("location", value="cn", cn_parent="Zhejiang", excerpt="Jiaxing, in Zhejiang province, welcomed Tampa."),
        fact("status", value="active", value_date="2020-01", excerpt="Tampa's sister city Jiaxing sent a delegation this month.")]


def write_facts(path: Path, rows: list[dict[str, str]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]) if rows else list(COLUMNS), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    return path


def apply(pkg: Path, tmp: Path, rows, decisions: str = "", *extra: str) -> int:
    facts = write_facts(tmp / "pass" / "research" / "k_test.csv", rows)
    (tmp / "pass" / "decisions.toml").write_text(HEAD + decisions, encoding="utf-8")
    return main(["curate", "apply", str(facts), "--decisions", str(tmp / "pass" / "decisions.toml"),
                 "--path", str(pkg), "--log", str(tmp / "pass" / "log"), *extra])


def snapshot(pkg: Path) -> dict[str, bytes]:
    return {t: (pkg / "data" / f"{t}.csv").read_bytes() for t in TABLES}


def log_rows(tmp: Path, name: str = "facts.csv") -> list[dict[str, str]]:
    return read_rows(tmp / "pass" / "log" / name)


def refused(pkg: Path, tmp: Path, capsys, rows, decisions: str = "") -> list[str]:
    """Apply, assert the run was refused with nothing written, return the problem lines."""
    logs = lambda: {p: p.read_bytes() for p in (tmp / "pass" / "log").rglob("*.*")}  # noqa: E731
    before, log_before = snapshot(pkg), logs()
    assert apply(pkg, tmp, rows, decisions) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1].startswith("refused:") and "nothing was written" in err[-1]
    assert snapshot(pkg) == before and logs() == log_before
    return err[:-1]


def test_facts_become_valid_rows_and_every_fact_is_logged(pkg_copy, tmp_path, capsys):
    assert apply(pkg_copy, tmp_path, GOOD) == 0
    assert "pairings added 1" in capsys.readouterr().out
    p = next(r for r in read_rows(pkg_copy / "data" / "pairings.csv") if r["pairing_id"] == "CN-ZJ-jiaxing~US-FL-tampa")
    assert (p["kind"], p["established"], p["established_basis"], p["status"], p["status_as_of"]) == \
        ("sister_city", "2019", "stated", "active", "2020-01")
    assert p["source_id"] == source_id_of_url(URL) and p["strongest_source_kind"] == "news_article"
    tampa = next(r for r in read_rows(pkg_copy / "data" / "jurisdictions.csv") if r["jurisdiction_id"] == "US-FL-tampa")
    assert tampa["geonames_id"] == "4174757" and tampa["evidence"] == "Tampa, Florida, signed the agreement with Jiaxing."
    src = next(r for r in read_rows(pkg_copy / "data" / "sources.csv") if r["source_id"] == p["source_id"])
    assert (src["archived"], src["published"], src["obtained_from"]) == ("false", "2020-01-15", "test research, 2026-12-05")
    cites = [c for c in read_rows(pkg_copy / "data" / "citations.csv") if c["row_id"] == p["pairing_id"]]
    assert sorted(c["fact"] for c in cites) == ["established"]
    # the dated status statement became an in_use event, and the status follows from it (derived)
    event = next(r for r in read_rows(pkg_copy / "data" / "pairing_events.csv") if r["pairing_id"] == p["pairing_id"] and r["event"] == "in_use")
    assert (event["event_id"], event["date"], event["date_basis"]) == ("CN-ZJ-jiaxing~US-FL-tampa-in_use-01", "2020-01", "inferred")
    log = log_rows(tmp_path)
    assert [r["fact"] for r in log] == [f"k_test:{n}" for n in range(2, 7)]
    assert {r["fact"]: r["outcome"] for r in log}["k_test:6"] == "used"
    # the cn location fact is left out with its reason: Jiaxing is already in the package
    assert "already in the package (CN-ZJ-jiaxing)" in {r["fact"]: r["detail"] for r in log}["k_test:5"]
    assert validate(pkg_copy, ("files", "pandera")).ok


def test_left_out_facts_and_pairs_are_logged_with_the_reason(pkg_copy, tmp_path):
    rows = [*GOOD, fact("year", value="2018", excerpt="Tampa and Jiaxing signed the agreement."),
            fact("pair", pair_key="Jiaxing|Orlando", us_name="Orlando", source_url="https://example.org/orlando",
                 excerpt="Orlando and Jiaxing are sister cities.")]
    decisions = ('[[exclude]]\nfact = "k_test:6"\nreason = "the delegation is not evidence of a tie"\n'
                 '[[skip_pair]]\npair = "Jiaxing|Orlando"\nreason = "the page is a rumour mill"\n')
    assert apply(pkg_copy, tmp_path, rows, decisions) == 0
    detail = {r["fact"]: (r["outcome"], r["detail"]) for r in log_rows(tmp_path)}
    assert detail["k_test:6"] == ("left_out", "excluded by the curator: the delegation is not evidence of a tie")
    assert detail["k_test:7"] == ("left_out", "the excerpt does not show the year 2018")
    assert detail["k_test:8"] == ("left_out", "pair not added: the page is a rumour mill")
    assert log_rows(tmp_path, "pairs-not-added.csv") == [{"pair_key": "Jiaxing|Orlando", "reason": "the page is a rumour mill"}]
    p = next(r for r in read_rows(pkg_copy / "data" / "pairings.csv") if r["pairing_id"] == "CN-ZJ-jiaxing~US-FL-tampa")
    assert p["status"] == "unknown"  # the status fact was excluded


def test_dry_run_writes_the_log_but_no_table(pkg_copy, tmp_path):
    before = snapshot(pkg_copy)
    assert apply(pkg_copy, tmp_path, GOOD, "", "--dry-run") == 0
    assert snapshot(pkg_copy) == before and len(log_rows(tmp_path)) == len(GOOD)


def test_refuses_a_fact_without_source_url_or_evidence(pkg_copy, tmp_path, capsys):
    lines = refused(pkg_copy, tmp_path, capsys, [*GOOD, fact("year", value="2019", source_url=""), fact(excerpt="  ")])
    facts = str(tmp_path / "pass" / "research" / "k_test.csv")
    assert lines == [f"{facts}:7: fact k_test:7: no source_url", f"{facts}:8: fact k_test:8: no excerpt (the evidence)"]


def test_a_fact_is_named_by_its_row_and_located_by_its_line(pkg_copy, tmp_path, capsys):
    rows = [fact(excerpt="Tampa and Jiaxing\nbecame sister cities in 2019."), fact("year", value="2019", source_url="")]
    lines = refused(pkg_copy, tmp_path, capsys, rows)  # the line break inside the first excerpt shifts lines, not rows
    assert lines == [f"{tmp_path / 'pass' / 'research' / 'k_test.csv'}:4: fact k_test:3: no source_url"]


def test_refuses_a_decision_for_a_fact_that_does_not_exist(pkg_copy, tmp_path, capsys):
    lines = refused(pkg_copy, tmp_path, capsys, GOOD, '\n[[exclude]]\nfact = "k_test:40"\nreason = "weak"\n')
    assert lines == [f"{tmp_path / 'pass' / 'decisions.toml'}:4: [[exclude]] 1: fact 'k_test:40' does not exist: k_test.csv has rows 2 to 6"]
    lines = refused(pkg_copy, tmp_path, capsys, GOOD, '[[skip_pair]]\npair = "Jiaxing|Tempa"\nreason = "weak"\n')
    assert lines[0].endswith("pair 'Jiaxing|Tempa' is the pair key of no fact")


def test_refuses_pairs_whose_places_do_not_resolve_and_lists_them(pkg_copy, tmp_path, capsys):
    rows = [*GOOD,
            fact(pair_key="Liyang|Union City", cn_name="Liyang", us_name="Union City", excerpt="Union City and Liyang are sister cities."),
            fact(pair_key="Nowhere|Tampa", cn_name="Nowhere", excerpt="Tampa and Nowhere are sister cities.")]
    lines = refused(pkg_copy, tmp_path, capsys, rows)
    assert len(lines) == 2
    assert "k_test:7: pair 'Liyang|Union City': its places do not resolve:" in lines[0]
    assert lines[0].endswith("us: no source states the state of Union City, and the GeoNames extract has 4 records of the name")
    assert "k_test:8: pair 'Nowhere|Tampa': its places do not resolve: cn: no source states the province of Nowhere" in lines[1]
    # a curator who knows may leave such a pair out, with the reason, instead
    assert apply(pkg_copy, tmp_path, rows[:6], '[[unresolved_pair]]\npair = "Liyang|Union City"\nreason = "wait for a page naming the state"\n') == 0
    assert log_rows(tmp_path, "pairs-not-added.csv")[0]["pair_key"] == "Liyang|Union City"


@pytest.mark.parametrize("key", [
    "Shenzhen (Guangdong)|Houston",  # a new key whose places resolve to an existing pairing
    "Houston|Shenzhen",  # an existing pair named the wrong way round
    "US-TX-houston~CN-GD-shenzhen",  # an existing pairing id with its sides swapped
])
def test_refuses_a_duplicate_of_an_existing_pairing(pkg_copy, tmp_path, capsys, key):
    row = fact(pair_key=key, cn_name="Shenzhen", us_name="Houston", excerpt="Houston and Shenzhen are sister cities.")
    loc_cn = row | {"fact": "location", "value": "cn", "cn_parent": "Guangdong"}
    loc_us = row | {"fact": "location", "value": "us", "us_state": "Texas"}
    lines = refused(pkg_copy, tmp_path, capsys, [row, loc_cn, loc_us])
    assert len(lines) == 1 and "k_test:2" in lines[0] and "duplicates the pairing CN-GD-shenzhen~US-TX-houston" in lines[0]


def test_refuses_an_unknown_kind_and_a_decision_without_reason(pkg_copy, tmp_path, capsys):
    lines = refused(pkg_copy, tmp_path, capsys, [*GOOD, fact("rumour")], '[[skip_pair]]\npair = "Jiaxing|Tampa"\n')
    assert lines[0].endswith("[[skip_pair]] 1: reason is missing")
    assert lines[1].endswith("fact k_test:7: unknown fact kind 'rumour' (known: pair, year, status, location, not_formal, contra, same_name, event)")


def test_a_new_kind_of_fact_is_one_function_registered_in_kinds(pkg_copy, tmp_path, monkeypatch):
    from sisterties.curate.apply import kinds

    def rumour(run, pid, f):
        run.log.left(f, f"a rumour about {pid}, noted only")

    monkeypatch.setitem(kinds.KINDS, "rumour", kinds.Kind(rumour))
    assert apply(pkg_copy, tmp_path, [*GOOD, fact("rumour")]) == 0
    assert log_rows(tmp_path)[-1]["detail"] == "a rumour about CN-ZJ-jiaxing~US-FL-tampa, noted only"


EVENT = fact("event", pair_key="CN-HB-xiangyang~US-IN-carmel", value="terminated", value_date="2024-03-27",
             source_url="https://example.org/carmel", source_published="2024-03-27",
             excerpt="Carmel ended its sister-city tie with Xiangyang on 27 March 2024.", law_id="law-in-hea-1120")


def _drop_events_table(pkg: Path) -> None:
    """The package as it was before pairing_events existed (as the replay of an earlier pass sees it)."""
    desc = json.loads((pkg / "datapackage.json").read_text(encoding="utf-8"))
    desc["resources"] = [r for r in desc["resources"] if r["name"] != "pairing_events"]
    (pkg / "datapackage.json").write_text(json.dumps(desc), encoding="utf-8")


def test_event_facts_wait_for_the_pairing_events_table(pkg_copy, tmp_path):
    _drop_events_table(pkg_copy)
    assert apply(pkg_copy, tmp_path, [EVENT]) == 0
    row = log_rows(tmp_path)[0]
    assert row["outcome"] == "left_out" and row["detail"].startswith("the package has no pairing_events table")


def test_event_facts_become_rows_of_the_real_table(pkg_copy, tmp_path, capsys):
    path = pkg_copy / "data" / "pairing_events.csv"
    before = read_rows(path)
    suspended = EVENT | {"value": "suspended", "value_date": "2023-11", "law_id": "",
                         "excerpt": "Carmel put its sister-city tie with Xiangyang on hold in November 2023."}
    undated = EVENT | {"value": "in_use", "value_date": "1999", "law_id": "", "excerpt": "The two cities are sister cities."}
    assert apply(pkg_copy, tmp_path, [suspended, undated]) == 0
    rows = read_rows(path)
    assert list(rows[0]) == list(before[0]) and len(rows) == len(before) + 1
    new = rows[-1]
    assert {k: new[k] for k in ("event_id", "pairing_id", "event", "date", "date_basis", "law_id")} == {
        "event_id": "CN-HB-xiangyang~US-IN-carmel-suspended-01", "pairing_id": "CN-HB-xiangyang~US-IN-carmel",
        "event": "suspended", "date": "2023-11", "date_basis": "stated", "law_id": ""}
    assert log_rows(tmp_path)[1]["detail"] == "the excerpt does not show the year 1999, and it is not the date of its page"
    assert validate(pkg_copy, ("files", "pandera")).ok
    lines = refused(pkg_copy, tmp_path, capsys, [EVENT | {"value": "rumoured"}])
    assert "event 'rumoured' is not one of the events of pairing_events: established," in lines[0]


def test_refuses_without_a_package_folder(tmp_path, capsys):
    assert main(["curate", "apply", "x.csv", "--decisions", "d.toml", "--path", str(tmp_path)]) == 2
    assert "no datapackage.json in" in capsys.readouterr().err


def test_reclassify_disputed_year_and_retire(pkg_copy, tmp_path):
    houston = "CN-GD-shenzhen~US-TX-houston"
    memo = fact("not_formal", pair_key="CN-GD-shenzhen~US-MI-detroit", value="memorandum", source_url="https://example.org/detroit",
                excerpt="Detroit and Shenzhen signed a memorandum of understanding, one step short of a sister city tie.")
    decisions = ('[[reclassify]]\npairing = "CN-GD-shenzhen~US-MI-detroit"\nkind = "friendship_city"\nfact = "k_test:7"\n'
                 'reason = "Only a friendship memorandum was signed."\n'
                 f'[[disputed_year]]\npairing = "{houston}"\nyear = "1986"\nreason = "1986 from the signing report; a later page says 1989."\n'
                 '[[retire]]\npairing = "CN-HL-harbin~US-AK-anchorage"\nreplaced_by = "CN-HL~US-AK"\n'
                 'reason = "A test: the tie is taken to be the provinces\' one."\n')
    assert apply(pkg_copy, tmp_path, [*GOOD, memo], decisions) == 0
    pairs = {r["pairing_id"]: r for r in read_rows(pkg_copy / "data" / "pairings.csv")}
    assert pairs["CN-GD-shenzhen~US-MI-detroit"]["kind"] == "friendship_city"
    assert "Only a friendship memorandum was signed." in pairs["CN-GD-shenzhen~US-MI-detroit"]["note"]
    kind_cites = [c for c in read_rows(pkg_copy / "data" / "citations.csv")
                  if c["row_id"] == "CN-GD-shenzhen~US-MI-detroit" and c["fact"] == "kind"]
    assert memo["excerpt"] in [c["evidence"] for c in kind_cites]
    assert (pairs[houston]["established"], pairs[houston]["established_basis"]) == ("1986", "disputed")
    gone = "CN-HL-harbin~US-AK-anchorage"
    assert gone not in pairs
    retired = read_rows(pkg_copy / "data" / "retired_ids.csv")
    assert (retired[-1]["retired_id"], retired[-1]["table_name"], retired[-1]["replaced_by"]) == (gone, "pairings", "CN-HL~US-AK")
    assert not any(r["pairing_id"] == gone for r in read_rows(pkg_copy / "data" / "pairing_events.csv"))
    assert not any(c["row_id"] == gone for c in read_rows(pkg_copy / "data" / "citations.csv"))


def test_a_reclassification_to_an_unknown_kind_is_refused(pkg_copy, tmp_path, capsys):
    lines = refused(pkg_copy, tmp_path, capsys, GOOD,
                    '[[reclassify]]\npairing = "CN-GD-shenzhen~US-MI-detroit"\nkind = "pen_pals"\nfact = "k_test:2"\nreason = "r"\n')
    assert "kind 'pen_pals' is not one of the pairing kinds: sister_province_state, friendship_province_state, sister_city," in lines[0]

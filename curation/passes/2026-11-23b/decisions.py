"""Curator decisions for import5.py, after reading every research row of the new pairs (2026-11-23, second session)."""
ONE_SIDED = "the only pair evidence is one-sided (it names one place; the other is only in a heading or the page's context) on a page that is not either side's own"
# research row ("folder:line") -> reason it is not used
EXCLUDE: dict[str, str] = {
    "k_status:79": "the date the friendship-city tie began; this pairing records the sister-city tie of the 2024 upgrade (its note says so)",
    "k_status:80": "the year the friendship-city tie began; this pairing records the sister-city tie of the 2024 upgrade (its note says so)",
    "k_years2:20": "the same lead the first session judged not a confirmation: 'Quangzhou' may be Quanzhou or Guangzhou",
    "k_years2:22": "a line of a jumbled two-column list (Numazu/Yueyang comparison sheet); the research marks it weak",
    "k_wave2_us:6": "a deadline the law sets (withdraw by 2025-10-01), not a reported withdrawal; see the status note",
    "k_wave2_us:31": "the excerpt joins two lines of the page with ' | ', so it is not verbatim",
    "k_years:55": "the same lead the first session judged not a confirmation: 美国吉狮堡市 read as Galesburg is an unverified transliteration",
    "k_years:69": "the same lead the first session judged not a confirmation: a profile of Walnut on Yuyao's site that does not itself state the tie",
    "k_years:15": "the excerpt is a timeline heading's text without the year; the year is only in the heading above it",
}
# pair_key -> reason a new pair is not added
SKIP: dict[str, str] = {
    "Chaoyang (Beijing)|Brooklyn (New York City)": "the only agreement seen is a 2014 agreement to build an archway (牌楼建设协议), not a sister or friendship tie; the state evidence is about Putuo–Brooklyn",
    "Shanxi|Tennessee": "the only direct evidence is a Vietnamese machine translation of a Shanxi foreign-affairs page (a breadcrumb line), and the other source calls it an 'economic partnership' of the 1980s",
    "Shandong|Georgia": "the sources show Georgia as a member of Shandong's multilateral summit of partner regions and speak of 'friendly province-state cooperation'; no bilateral agreement is reported",
    "Hunan|Colorado": ONE_SIDED + " (a news round-up line '1984年1月23日与我省建交' under a heading naming Colorado)",
    "Yingkou|Jacksonville": "the pair sources are a content-farm copy of a sister-city list and a trip report whose excerpt does not state the tie",
    "Shaoxing|Jacksonville": "the only pair source is a content-farm copy of Jacksonville's list, calling Shaoxing a friendship city in a sentence the excerpt does not show",
    "Ürümqi|Orem": "the source (1999) reports only plans to become sister cities; no signing found",
    "Chaozhou|San Francisco": "one 2013 news article (via a copy site) on a 'new' relationship; no signing, year or province found, and the research doubts it is formal",
    "Rushan|Contra Costa County": "the source is a 1993 recommendation to consider a sister-county relationship; no agreement found",
    "Tianjin Free-Trade Zone|Greenville": "the Chinese partner is the Tianjin Port Free Trade Zone, not an administrative division (decision of the first session)",
    "Yiwu|Brooklyn (New York City)": "the excerpt (a cut-off copy of a Xinhua article) lists Yiwu among Brooklyn's partners but does not show the kind of tie",
    "Jilin City|Cupertino": "Cupertino's list says only 'Jilin', which may be Jilin City or Jilin Province",
    "Hua County|Pontiac": "no source states Pontiac's state (the GeoNames extract's only Pontiac is in Michigan, which the sources do not say)",
    "Xuzhou|Cupertino": ONE_SIDED + " (Mercury News: 'the council voted ... to add ... Xuzhou'; Cupertino only in the headline)",
    "Yichang|Washington County": "the only pair source puts 'sister city' in quotation marks (a delegation's visit), and Oregon comes only through an indirect link",
    "Guanghan|Auburn": "the agreement signed in 2012 is a friendly-cooperation agreement (友好合作关系协议书) after a 2011 memorandum; no formal friendship-city tie reported",
    "Ningbo|Jacksonville": "the 2007 agreement is a friendly-exchange relation (友好交流关系) per the Chinese report",
    "Xining|Utah County": "only a letter of intent (2011-07-13) is documented",
    "Tianjin|Hawaii": "a 2002 Hawaii Senate resolution approved it, but a 2023 Hawaii House resolution lists no Tianjin tie and Tianjin's list of US ties lacks Hawaii; left out until a source settles it",
    "Jining|Springfield": "both sources are prospective (Xinhua 2018-06-22: 'will become sister cities'; WAND 2017: 'proposed sister city'); no report of the signing found",
    "Wuhan Economic Development Zone|Columbus": "the Chinese partner is an economic development zone, not an administrative division",
    "Liaoning|Utah": "a 2006 exchange agreement between the two legislatures; no source calls it a sister or friendship state",
}
# pair_key -> existing pairing id (same pair under another spelling)
ALIAS: dict[str, str] = {
    "Xuzhou|Morgantown": "CN-JS-quanshan-district~US-WV-morgantown",
    "Ma'anshan|Galesburg": "CN-AH-maanshan~US-IL-galesburg",
}
# pair_key -> "sister" | "friendship"
KIND: dict[str, str] = {
    "Yongchuan District|Chester County": "friendship",
    "Chaoyang District (Beijing)|Birmingham": "friendship",
    "Wuhan|San Francisco": "friendship",
}
# pair_key -> note: added although a not_formal row exists (the formal tie came later)
PAIR_OK_DESPITE: dict[str, str] = {
    "Jinhua|Dublin": "Dublin's council considered a friendly-exchange letter of intent with Jinhua in September 2006; a June 2007 news article calls Jinhua Dublin's second sister city.",
    "Panyu|Monterey Park": "The two sides signed a letter of intent on friendly cooperation in 2011 (gdql.org.cn); a later report quotes Panyu's deputy district head calling the two sister cities.",
}
# (pair_key, "cn"|"us") -> overrides
PLACE: dict = {
    ("Jiangmen|Riverside", "us"): {"note": "The state is implied, not named with the city: the report on Riverside's sister city Jiangmen says emigrants came to California to work in the goldfields, on the railroad and then in Riverside's citrus industry.", "parent_from": {"k_gaps:10"}},
    ("Laoshan (Qingdao)|Columbia", "cn"): {"note": "District of Qingdao (the Columbia Daily Tribune calls it a subdivision of the coastal city of Qingdao)."},
    ("Laoshan (Qingdao)|Columbia", "us"): {"note": "The state comes from the KOMU report on this tie, which speaks of mid-Missouri; no sentence names 'Columbia, Missouri'."},
    ("Xishuangbanna|Austin", "cn"): {"name": "Xishuangbanna", "level": "prefecture_city", "note": "Xishuangbanna Dai Autonomous Prefecture, a prefecture-level division (the level list has no separate value for autonomous prefectures)."},
    ("Hangzhou|Greenwich", "cn"): {"name": "Hangzhou", "level": "prefecture_city"},
    ("Yangzhou|Kent", "us"): {"note": "The state comes through an indirect link: a Kent, Washington resolution on its sister city Kaibara (now Tamba), and a local news page listing Tamba and Yangzhou among Kent's current sister cities."},
    ("Suzhou – Wujiang|Marlboro", "cn"): {"name": "Wujiang", "level": "county_city", "note": "Under Suzhou; the source calls it a county-level city."},
    ("Suzhou – Wujiang|Marlboro", "us"): {"name": "Marlboro", "level": "town", "note": "Marlboro Township (the research's sources name its mayor, Jonathan Hornik, on both the pair page and the page placing it in New Jersey)."},
    ("Jinhua|Dublin", "us"): {"note": "The state also appears in Dublin's own council document (ci.dublin.ca.us) proposing the tie."},
}
# pairing id -> status note for a termination/suspension
STATUS_NOTE: dict[str, str] = {
    "CN-HB-xiangyang~US-IN-carmel": "Carmel announced on 2024-03-27 that it is ending the sister-city relationship, after Indiana's House Enrolled Act 1120 (signed 2024-03-13) banned such agreements (src-24ee6ba05ca4, src-7a9ef8d5a37c and the Current in Carmel report).",
    "CN-ZJ-tongxiang~US-CA-cupertino": "Cupertino's friendship-city designations last two years unless renewed; a council memo of 2025-09-11 renews this one to 2027.",
    "CN-HB-xianning~US-CA-cupertino": "Cupertino's friendship-city designations last two years unless renewed; a council memo of 2025-09-11 renews this one to 2027.",
}
# citation ids whose year is not a year of the tie -> reason
YEAR_NOT: dict = {
    "cit-6799236e9975-01": "1985-10-07 is the date the Hubei list gives for Hubei–Alabama; the agreement with Ohio was signed on 1979-10-31 (photo caption, Hubei Radio & TV)",
    "cit-c7dd13763e2e-01": "the 2019 council resolution approved the tie and authorised the mayor to sign; it is not the signing",
}
# pairing id -> note written when the curated year is set
EST_NOTE: dict[str, str] = {
    "CN-HB~US-OH": "One source (src-6799236e9975, Hubei government English site) gives 1985-10-07, the date the Hubei list gives for Hubei–Alabama; not counted.",
    "CN-SC-chengdu~US-TN-nashville": "The Metro Council's 2019 resolution (src-c7dd13763e2e) approved the tie and authorised the mayor to sign; not counted as the year.",
}
# pair_key -> research row to use as the pairing's own evidence (the clearest statement of the tie)
PREFER: dict[str, str] = {
    "Tiantai|Morton": "k_resolve2:33",
    "Chaoyang District (Beijing)|Birmingham": "k_new_east:13",
}

# pairing id -> (value, research row giving the evidence, why): a date no sentence states but the source implies
INFERRED: dict = {
    "CN-HB-xianning~US-NC-durham": ("2017", "k_manual3:2", "the Durham association's page says it added two friendship cities in China 'In 2013 and 2017', naming Kunshan and Xianning in that order (Kunshan's is dated 2013 elsewhere)"),
    "CN-SN-ankang~US-KY-pikeville": ("2011", "k_manual2:2", "the report, published 2011-04-28, says the two cities had recently (近日) formally become friendship cities, after the agreement was signed during the Ankang mayor's visit to Pikeville"),
    "CN-GD-taishan~US-CA-fresno": ("2012-06", "k_years2:14", "the article (Public CEO, dated October 2012 by its URL) says the two cities became sister cities 'in June of this year'"),
    "CN-HB-wuhan~US-CA-san-francisco": ("2013-11-21", "k_years2:13", "the report (dated 2013-12-01) says the two mayors signed the Friendship Agreement 'On Nov 21' at the International Friendship City Summit in Wuhan"),
}

# research rows whose year is used although the research note mentions a memorandum or letter of intent (as context)
ALLOW_YEAR: set = {"k_years2:17"}
# pairing id -> (status, status_as_of, status_note): set after every other step
STATUS_OVERRIDE: dict = {
    "CN-YN-xishuangbanna~US-TX-austin": ("active", "2025-06-24", "In use when Texas HB 128 was signed; the law requires the city to withdraw from the partnership by 2025-10-01 (Community Impact, 2025-06-24), and no source seen reports the withdrawal."),
    "CN-GZ-guiyang~US-TX-fort-worth": ("active", "2025-05-29", "In use in May 2025, when Texas HB 128 was about to require its dissolution by October 2025 (KERA News, 2025-05-29); no source seen reports the dissolution."),
}
# pairing id -> text appended to the pairing's note
NOTE_APPEND: dict = {
    "CN-HN-changsha~US-MO-kansas-city": "A Kansas City official told Xinhua in November 2023 that the city had two sister-city agreements with China (Xi'an and Yan'an, per the research); Changsha was not named.",
    "CN-GD-shenzhen~US-NC-charlotte": "Charlotte's own page lists a partnership memorandum of understanding with Shenzhen; Shenzhen's site lists Charlotte as a friendship city since 2017-03-16.",
    "CN-JS-suzhou~US-FL-jacksonville": "A Chinese report calls the September 2004 document a friendly-exchange memorandum; Jacksonville lists Suzhou among its Friendship Cities.",
}

"""How good the rules' suggestions are on texts they were not written against: per-device
precision and recall (overlap matching, as `mlt evaluate --match overlap` counts them).

Sets:
  zh-dev/dev       the 16 `../shared/corpus/zh-dev` articles the Chinese rules were developed on
  zh-dev/held-out  the other 8, never read while writing rules (chosen before looking at them:
                   5 of the 16 sensational and 3 of the 8 ordinary articles, `random.Random(14)`)
  own              the project's own annotated texts (tests/data/suggest/own-*.jsonl, original
                   writing in Chinese and English), used to develop the English rules
  own/held-out     two more of our own (tests/data/suggest/heldout.jsonl), written once the
                   rules were frozen and scored once
  seed             the seed article and the teacher's gold (tests/data/seed-gold.json)
  blind            15 real Chinese articles annotated for issue #14 before the rules were
                   generalised, never used to develop them (benchmarks/data/blind-zh.jsonl;
                   the texts come from a fetched mirror of their repository, see
                   benchmarks/_blind_zh.py). Score it only to report, never to tune
  blind2           blind set 2: 20 more articles of the same archive (10 ordinary, 10 with a
                   sensational marker), drawn and annotated before the second round of rule
                   work (benchmarks/data/blind2-zh.jsonl); the same caution
  blind3           blind set 3: 20 more (10 and 10 again, random.Random(1430), disjoint from
                   zh-dev and the whole draws of sets 1 and 2), drawn and annotated before the
                   third round (benchmarks/data/blind3-zh.jsonl); the same caution
  blind4           blind set 4: 20 more (10 and 10, random.Random(1500), disjoint from zh-dev,
                   the whole draws of sets 1-3 and the pages the rounds looked at unannotated),
                   drawn and annotated before the fourth round was scored
                   (benchmarks/data/blind4-zh.jsonl); the same caution
  blind5           blind set 5: 20 articles from other outlets than that archive (10 WeChat
                   公众号 backups, 8 commentary and 2 三联生活周刊, random.Random(1600), at most 2
                   per account; 10 眾新聞 Citizen News pages, random.Random(1601)), annotated
                   by someone who had not seen the rules (benchmarks/data/blind5-zh.jsonl; the
                   texts come from fetched mirrors of both repositories); the same caution
  blind6           blind set 6: 20 more from outlets the rules were never developed on (10 of
                   the chainreactors/picker RSS archive's news and commentary feeds,
                   random.Random(1610), at most 2 per site; 5 more WeChat backups,
                   random.Random(1611), at most 1 per account; 5 more Citizen News pages,
                   random.Random(1612); all disjoint from set 5's whole draws), annotated by
                   someone who had not seen the rules (benchmarks/data/blind6-zh.jsonl; the
                   texts come from fetched mirrors of the three repositories); the same caution
  blind7           blind set 7: 20 more from outlets the rules were never developed on (12 pages
                   of the Terminus2049 archive of deleted mainland articles, 8 reposting a news
                   outlet and 4 self-media, random.Random(1620); 8 of the RSS archive from sites
                   set 6 took nothing from, random.Random(1621), at most 2 per site), annotated
                   by someone who had not seen the rules (benchmarks/data/blind7-zh.jsonl; the
                   texts come from fetched mirrors of both repositories); the same caution
  blind8           blind set 8: 20 more from outlets the rules were never developed on (China
                   Digital Times posts of June-July 2020 from duty-machine's archive: 12 reposts
                   of news outlets, at most 3 per outlet, and 8 of self-media accounts, at most 1
                   per account, random.Random(1630)), annotated by someone who had not seen the
                   rules (benchmarks/data/blind8-zh.jsonl; the texts come from a fetched mirror
                   of the archive); the same caution
  blind9           blind set 9: 20 more from two new repositories (12 news reports of a
                   backup of CDT's feed, tomyangsh/news-backup, 2021-2023, at most 2 per outlet,
                   random.Random(1640); 8 commentary pages of 泡泡 and Matters from the NodeBE4/oped2
                   opinion archive, at most 1 per author, random.Random(1641)), annotated by
                   someone who had not seen the rules (benchmarks/data/blind9-zh.jsonl; the
                   texts come from fetched mirrors of both repositories); the same caution
  blind3/second    blind set 3 annotated a second time, by another annotator who had not seen
                   its labels (benchmarks/data/blind3-zh.second.jsonl): with --write-gold, the
                   second annotator's file for `mlt agree` (docs/suggest.md "Annotator
                   agreement on blind set 3")
  blind-en         English blind set 1: 20 real English articles, 10 BBC News (2004-05) and 10
                   celebrity-gossip stories (random.Random(1700) per source), annotated before
                   the English rules were ever scored on them (benchmarks/data/blind-en.jsonl;
                   the texts come from fetched mirrors, see benchmarks/_blind_en.py). Its
                   errors were read in English round 1 of the rules (docs/suggest.md): since
                   then development data
  blind2-en        English blind set 2: 20 more, 5 BBC News (one per section) and 5 gossip
                   stories not in set 1's draw, and 10 hyper-partisan political stories of 2016
                   (Horne and Adali's fake-news data), random.Random(1701) per source, annotated
                   by a second annotator before the English rules were scored on them
                   (benchmarks/data/blind2-en.jsonl; mirrors as for blind-en). Score it only to
                   report, never to tune
  blind3-en        English blind set 3: 20 from outlets and years sets 1 and 2 lack, 15 of the
                   BuzzFeed-Webis corpus (US political news of September 2016: 8 mainstream,
                   ABC News, CNN and Politico; 7 hyperpartisan, 3 left and 4 right; at most 3
                   per portal; random.Random(1702)) and 5 of a 2019 scrape of political news (one
                   each from Breitbart, Fox News, HuffPost, The New York Times and USA Today;
                   random.Random(1703)), annotated by a third annotator before the English rules
                   were scored on them (benchmarks/data/blind3-en.jsonl; the texts come from
                   fetched mirrors of both repositories). Score it only to report, never to tune
  blind4-en        English blind set 4: 20 from two repositories sets 1-3 do not use: 10 of a
                   FakeNewsNet copy (6 PolitiFact "real" cited sources, 2007-16; 2 PolitiFact
                   "fake" stories; 2 GossipCop "fake" gossip stories; random.Random(1704),
                   (1707), (1708)) and 10 of a project's UK coverage of the 2022 Qatar World Cup
                   (6 Guardian news articles, random.Random(1705); 4 Sun articles,
                   random.Random(1706)), annotated by a fourth annotator before the English rules
                   were scored on them (benchmarks/data/blind4-en.jsonl; the texts come from
                   fetched mirrors of both repositories). Score it only to report, never to tune
  blind5-en        English blind set 5: 20 from a repository sets 1-4 do not use, the first rows
                   of the ISOT fake-news data: 12 Reuters wire stories on US politics (December
                   2017; random.Random(1709)) and 8 hyper-partisan "fake" articles (October-
                   December 2017; random.Random(1710)), annotated by a fifth annotator before the
                   English rules were scored on them (benchmarks/data/blind5-en.jsonl; the texts
                   come from a fetched mirror of 10-lalitha/fakenewsdetection). Score it only to
                   report, never to tune
  blind6-en        English blind set 6: 20 from two repositories sets 1-5 do not use: 12 of a
                   March 2023 scrape of US news sites (CBS, Chicago Tribune, local papers and
                   television stations; random.Random(1711)) and 8 of the Fake News Corpus
                   sample (hyper-partisan, conspiracy and fake-news sites, 2017-18;
                   random.Random(1712)), annotated by a sixth annotator before the English rules
                   were scored on them (benchmarks/data/blind6-en.jsonl; the texts come from
                   fetched mirrors of jennhu/metalinguistic-prompting and
                   several27/FakeNewsCorpus). Score it only to report, never to tune
  blind7-en        English blind set 7: 20 from a repository sets 1-6 do not use, Webhose news
                   feeds of Australian sites (November 2020 - April 2021): 12 from news, trade
                   and business sites (Nine, News Corp papers, iTnews, CRN, Oncology News and
                   others; random.Random(1713)) and 8 from lifestyle, consumer and advocacy
                   sites (random.Random(1714)), annotated by a seventh annotator before the
                   English rules were scored on them (benchmarks/data/blind7-en.jsonl; the texts
                   come from a fetched mirror of markatwork8823/news-app). Score it only to
                   report, never to tune
  ptc              the 297 English PTC articles; of the five devices only SLOGAN is labelled
                   there (PTC's Slogans), so the other rows only count predictions

    python benchmarks/suggest_quality.py [--set zh-dev/dev ...] [--markdown] [--by-rule]
                                         [--errors DEVICE] [--write-gold FILE]

`--by-rule` adds, for each rule that suggested something, how many of its suggestions overlap a
gold span of their device (precision) and how many gold spans of that device it found.

`--write-gold FILE` writes the gold documents of the sets named (text, labels, `language`) to one
JSONL file, for `mlt train`, `mlt suggest` and `mlt evaluate` (the rules with and without a model,
docs/suggest.md "Third round"). The blind sets' texts are not ours: write it outside the tree.

`--errors DEVICE` lists the missed gold spans and the wrong predictions of one device (use it on
the development part only: reading held-out errors turns them into development data).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
CORPUS = ROOT.parent / "shared" / "corpus"
ZH_DEV = CORPUS / "zh-dev" / "dev.jsonl"
OWN = ROOT / "tests" / "data" / "suggest"
SEED = CORPUS / "seed" / "chip-ban-article.zh.txt"
SEED_GOLD = ROOT / "tests" / "data" / "seed-gold.json"

from toolkit.corpus import Document, read_jsonl  # noqa: E402
from toolkit.evaluation import evaluate_documents  # noqa: E402
from toolkit.spans import Span  # noqa: E402
from toolkit.suggest import SuggestOptions, suggest_documents  # noqa: E402

#: The zh-dev articles held out from rule development (see the module docstring).
HELD_OUT = ("zhdev-04", "zhdev-10", "zhdev-11", "zhdev-12", "zhdev-13", "zhdev-19", "zhdev-20",
            "zhdev-22")
DEVICES = ("SOURCING", "ANONYMOUS_SOURCE", "VAGUE_ATTRIBUTION", "RHETORICAL_QUESTION",
           "UNVERIFIED_HEADLINE", "SLOGAN")
SOURCING = {"SOURCING": ["ANONYMOUS_SOURCE", "VAGUE_ATTRIBUTION"]}
WANTED = ("ANONYMOUS_SOURCE", "VAGUE_ATTRIBUTION", "RHETORICAL_QUESTION", "UNVERIFIED_HEADLINE",
          "SLOGAN")
SETS = (
    "zh-dev/dev",
    "zh-dev/held-out",
    "own",
    "own/held-out",
    "seed",
    "blind",
    "blind2",
    "blind3",
    "blind4",
    "blind5",
    "blind6",
    "blind7",
    "blind8",
    "blind9",
    "blind3/second",
    "blind-en",
    "blind2-en",
    "blind3-en",
    "blind4-en",
    "blind5-en",
    "blind6-en",
    "blind7-en",
    "ptc",
)
#: Sets scored only when asked for by name.
ON_REQUEST = tuple(name for name in SETS if name.startswith("blind") or name == "ptc")


def load_set(name: str) -> list[Document]:
    """The gold documents of one named set."""
    if name.startswith("zh-dev/"):
        documents = read_jsonl(ZH_DEV)
        held = name.endswith("held-out")
        return [d for d in documents if (d.doc_id in HELD_OUT) == held]
    if name == "own":
        return [d for path in sorted(OWN.glob("own-*.jsonl")) for d in read_jsonl(path)]
    if name == "own/held-out":
        return read_jsonl(OWN / "heldout.jsonl")
    if name == "seed":
        gold = json.loads(SEED_GOLD.read_text(encoding="utf-8"))
        body = SEED.read_text(encoding="utf-8")[:gold["body_end"]]
        return [Document.create(body, [Span(*item) for item in gold["label"]], doc_id="seed")]
    if name in ("blind", "blind2", "blind3", "blind4", "blind5", "blind6", "blind7", "blind8",
                "blind9", "blind3/second"):
        from benchmarks._blind_zh import (ANNOTATION, ANNOTATION_2, ANNOTATION_3,
                                          ANNOTATION_3_SECOND, ANNOTATION_4, ANNOTATION_5,
                                          ANNOTATION_6, ANNOTATION_7, ANNOTATION_8,
                                          ANNOTATION_9, load)

        records = load({"blind": ANNOTATION, "blind2": ANNOTATION_2, "blind3": ANNOTATION_3,
                        "blind4": ANNOTATION_4, "blind5": ANNOTATION_5, "blind6": ANNOTATION_6,
                        "blind7": ANNOTATION_7, "blind8": ANNOTATION_8, "blind9": ANNOTATION_9,
                        "blind3/second": ANNOTATION_3_SECOND}[name])
        return [Document.create(r["text"], [Span(*item) for item in r["label"]],
                                doc_id=r["doc_id"], language="zh") for r in records]
    if name in ("blind-en", "blind2-en", "blind3-en", "blind4-en", "blind5-en", "blind6-en",
                "blind7-en"):
        from benchmarks._blind_en import ANNOTATION as EN_1, ANNOTATION_2 as EN_2
        from benchmarks._blind_en import ANNOTATION_3 as EN_3, ANNOTATION_4 as EN_4
        from benchmarks._blind_en import ANNOTATION_5 as EN_5, ANNOTATION_6 as EN_6
        from benchmarks._blind_en import ANNOTATION_7 as EN_7
        from benchmarks._blind_en import load as load_en

        return [Document.create(r["text"], [Span(*item) for item in r["label"]],
                                doc_id=r["doc_id"], language="en")
                for r in load_en({"blind-en": EN_1, "blind2-en": EN_2,
                                  "blind3-en": EN_3, "blind4-en": EN_4,
                                  "blind5-en": EN_5, "blind6-en": EN_6,
                                  "blind7-en": EN_7}[name])]
    if name == "ptc":
        from toolkit.devices import load_catalogue
        from toolkit.formats.ptc import import_ptc

        return [Document(d.doc_id, d.text, d.spans, {**d.meta, "language": "en"})
                for d in import_ptc(CORPUS / "ptc" / "articles", CORPUS / "ptc" / "labels",
                                    load_catalogue())]
    raise SystemExit(f"unknown set {name!r} (allowed: {', '.join(SETS)})")


def suggest(gold: list[Document]) -> list[Document]:
    """The rules' suggestions for the gold documents' texts (the five devices zh-dev labels)."""
    bare = [Document(d.doc_id, d.text, (), {k: v for k, v in d.meta.items()
                                            if k in ("language", "title")}) for d in gold]
    options = SuggestOptions(devices=WANTED)
    return list(suggest_documents(bare, options))


def table(name: str, gold: list[Document], markdown: bool) -> None:
    """Print precision and recall per device for one set."""
    predicted = suggest(gold)
    result = evaluate_documents(gold, predicted, "overlap", groups=None)
    grouped = evaluate_documents(gold, predicted, "overlap", groups=SOURCING)
    rows = []
    for device in DEVICES:
        score = (grouped if device == "SOURCING" else result).score(device)
        rows.append((device, score.gold, score.predicted, _rate(score.precision),
                     _rate(score.recall)))
    print(f"\n{name}: {len(gold)} documents, {sum(len(d.spans) for d in gold)} gold spans")
    if markdown:
        print("| device | gold | predicted | precision | recall |\n|---|---|---|---|---|")
        for row in rows:
            print("| " + " | ".join(map(str, row)) + " |")
    else:
        print(f"  {'device':22} {'gold':>5} {'pred':>5} {'P':>6} {'R':>6}")
        for device, g, p, precision, recall in rows:
            print(f"  {device:22} {g:5} {p:5} {precision:>6} {recall:>6}")


def by_rule(name: str, gold: list[Document], markdown: bool) -> None:
    """Print each rule's suggestions, how many are right, and the gold spans it found."""
    predicted = {d.doc_id: d for d in suggest(gold)}
    counts: dict[str, list[int]] = {}
    totals: dict[str, int] = {}
    for document in gold:
        for span in document.spans:
            totals[span.label] = totals.get(span.label, 0) + 1
        found: dict[str, set[tuple[int, int]]] = {}
        for record in predicted[document.doc_id].meta["suggestions"]:
            row = counts.setdefault(record["rule"], [0, 0, 0])
            hits = [g for g in document.spans if g.label == record["label"]
                    and g.start < record["end"] and record["start"] < g.end]
            row[0] += 1
            row[1] += bool(hits)
            found.setdefault(record["rule"], set()).update((g.start, g.end) for g in hits)
        for rule, spans in found.items():
            counts[rule][2] += len(spans)
    print(f"\n{name}: per rule")
    if markdown:
        print("| rule | suggested | right | precision | gold spans found |\n|---|---|---|---|---|")
    for rule, (made, right, spans) in sorted(counts.items()):
        line = (rule, made, right, _rate(right / made if made else None), spans)
        if markdown:
            print("| " + " | ".join(map(str, line)) + " |")
        else:
            print(f"  {rule:36} {made:5} {right:5} {line[3]:>6} {spans:5}")


def errors(gold: list[Document], device: str) -> None:
    """Print the missed gold spans and the wrong predictions of one device."""
    predicted = {d.doc_id: d for d in suggest(gold)}
    labels = SOURCING.get(device, [device])
    for document in gold:
        guess = predicted[document.doc_id]
        gold_spans = [s for s in document.spans if s.label in labels]
        pred_spans = [s for s in guess.spans if s.label in labels]
        for span in gold_spans:
            if not any(p.start < span.end and span.start < p.end for p in pred_spans):
                print(f"MISS {document.doc_id} {span.label:20} {document.span_text(span)!r}")
        for span in pred_spans:
            if not any(g.start < span.end and span.start < g.end for g in gold_spans):
                rules = [r["rule"] for r in guess.meta["suggestions"]
                         if (r["start"], r["end"], r["label"]) == (span.start, span.end,
                                                                   span.label)]
                print(f"FALSE {document.doc_id} {span.label:20} {guess.span_text(span)!r} "
                      f"{rules}")


def write_gold(names: list[str], path: str) -> int:
    """The gold documents of the named sets, with their language, as one JSONL file."""
    from toolkit.corpus import write_jsonl

    documents = []
    for name in names:
        for document in load_set(name):
            meta = dict(document.meta)
            if not meta.get("language") and name in LANGUAGE:
                meta["language"] = LANGUAGE[name]
            documents.append(Document(document.doc_id, document.text, document.spans, meta))
    return write_jsonl(path, documents)


#: The language of the sets whose documents may not say it (our own texts mix both and say it).
LANGUAGE = {name: "en" if name.endswith("-en") or name == "ptc" else "zh" for name in SETS
            if not name.startswith("own")}


def _rate(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--set", action="append", choices=SETS, help="default: all sets")
    parser.add_argument("--markdown", action="store_true")
    parser.add_argument("--errors", metavar="DEVICE")
    parser.add_argument("--by-rule", action="store_true")
    parser.add_argument("--write-gold", metavar="FILE")
    args = parser.parse_args()
    names = args.set or [s for s in SETS if s not in ON_REQUEST]
    if args.write_gold:
        count = write_gold(names, args.write_gold)
        print(f"wrote {count} gold document(s) of {', '.join(names)} to {args.write_gold}")
        return 0
    if args.errors:
        for name in names:
            errors(load_set(name), args.errors)
        return 0
    for name in names:
        gold = load_set(name)
        table(name, gold, args.markdown)
        if args.by_rule:
            by_rule(name, gold, args.markdown)
    return 0


if __name__ == "__main__":
    sys.exit(main())

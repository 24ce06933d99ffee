"""The device catalogue: the shipped data is complete, and broken data gets clear errors."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
import yaml

from toolkit.devices import load_catalogue
from toolkit.devices.catalogue import BUILTIN, catalogue_paths
from toolkit.devices.cues import CSS, KINDS, css_for
from toolkit.errors import CatalogueError

REQUIRED = ["UNVERIFIED_HEADLINE", "ANONYMOUS_SOURCE", "VAGUE_ATTRIBUTION", "UNSUPPORTED_CLAIM",
            "RHETORICAL_QUESTION", "LOADED_LANGUAGE", "NAME_CALLING", "EXAGGERATION", "REPETITION",
            "SLOGAN", "THOUGHT_TERMINATING_CLICHE", "OBFUSCATION", "APPEAL_TO_FEAR", "FLAG_WAVING",
            "APPEAL_TO_AUTHORITY", "BANDWAGON", "DOUBT", "CAUSAL_OVERSIMPLIFICATION",
            "BLACK_AND_WHITE", "WHATABOUTISM", "STRAW_MAN", "RED_HERRING", "REDUCTIO_AD_HITLERUM"]
PTC_LABELS = ["Loaded_Language", "Name_Calling,Labeling", "Repetition", "Doubt",
              "Exaggeration,Minimisation", "Appeal_to_fear-prejudice", "Flag-Waving",
              "Causal_Oversimplification", "Appeal_to_Authority", "Slogans",
              "Whataboutism,Straw_Men,Red_Herring", "Black-and-White_Fallacy",
              "Thought-terminating_Cliches", "Bandwagon,Reductio_ad_hitlerum"]


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue([BUILTIN])


def test_builtin_has_every_required_device(catalogue) -> None:
    assert set(REQUIRED) <= set(catalogue.ids)
    assert catalogue.languages == ("zh", "en")


def test_devices_are_complete_and_distinct(catalogue) -> None:
    devices = list(catalogue.devices.values())
    for device in devices:
        for field in ("name", "definition", "question", "why"):
            assert set(getattr(device, field)) >= {"zh", "en"}, (device.id, field)
        assert all(device.examples[lang] for lang in ("zh", "en"))
        assert device.family in catalogue.families
        assert css_for(device.cue)
    for attribute in ("shortcut", "color"):
        values = [getattr(d, attribute).lower() for d in devices]
        assert len(values) == len(set(values)), attribute
    cues = [frozenset(d.cue) for d in devices]
    assert len(cues) == len(set(cues))


def test_ptc_mapping_is_total_and_invertible(catalogue) -> None:
    assert sorted(catalogue.ptc_import) == sorted(PTC_LABELS)
    for label in PTC_LABELS:
        device = catalogue.device_for_ptc(label)
        assert catalogue.ptc_for_device(device) == label
    # the merged classes: every member exports to the merged label
    assert catalogue.ptc_for_device("STRAW_MAN") == "Whataboutism,Straw_Men,Red_Herring"
    assert catalogue.ptc_for_device("REDUCTIO_AD_HITLERUM") == "Bandwagon,Reductio_ad_hitlerum"
    assert catalogue.ptc_for_device("ANONYMOUS_SOURCE") is None


def test_unknown_label_suggests_closest(catalogue) -> None:
    assert catalogue.unknown_label_message("SLOGAN") is None
    assert catalogue.unknown_label_message("SLOGANS") == "unknown device 'SLOGANS' — did you mean SLOGAN?"
    assert catalogue.unknown_label_message("anonymous source") == \
        "unknown device 'anonymous source' — did you mean ANONYMOUS_SOURCE?"
    assert catalogue.unknown_label_message("QWERTY") == \
        "unknown device 'QWERTY' (see `mlt devices` for the ids)"
    with pytest.raises(CatalogueError, match="did you mean FLAG_WAVING"):
        catalogue.get("FLAG_WAVIN")


def test_cue_vocabulary_has_css_for_every_primitive() -> None:
    assert set(CSS) == set(KINDS)
    assert "data:image/svg+xml;base64," in CSS["pattern-dots"]  # never a network URL


def write(tmp_path: Path, name: str, body: str) -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return path


DEVICE = """\
devices:
  - id: CHERRY_PICKING
    family: {family}
    name: {{zh: 选择性举证, en: Cherry picking}}
    definition: {{zh: 只挑有利的数据。, en: Only the convenient data is shown.}}
    question: {{zh: 还有哪些数据没说？, en: "What data is missing?"}}
    why: {{zh: 让片面看起来像全貌。, en: A part looks like the whole.}}
    examples: {{zh: [只报涨幅最大的一天。], en: [Only the best day is reported.]}}
    color: "#123456"
    cue: {cue}
    shortcut: {shortcut}
    ptc: []
"""


def test_overlay_adds_a_device(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    extra = write(tmp_path, "mine.yaml", DEVICE.format(family="sourcing", cue="[shade]",
                                                       shortcut="p"))
    monkeypatch.setenv("MLT_CATALOGUE", str(extra))
    catalogue = load_catalogue(catalogue_paths())
    assert catalogue.ids[-1] == "CHERRY_PICKING"
    assert catalogue.get("CHERRY_PICKING").name["zh"] == "选择性举证"


@pytest.mark.parametrize("family, cue, shortcut, expected", [
    ("gossip", "[shade]", "p",
     "mine.yaml:2: device CHERRY_PICKING: unknown family 'gossip' (families: sourcing, wording, "
     "attack, justification, simplification, distraction, call, merged)"),
    ("sourcing", "[shade]", "a",
     "mine.yaml:2: device CHERRY_PICKING: shortcut 'a' is already used by ANONYMOUS_SOURCE"),
    ("sourcing", "[border-solid]", "p",
     "mine.yaml:2: device CHERRY_PICKING: cue ['border-solid'] is already used by ANONYMOUS_SOURCE "
     "(every device needs its own cue)"),
    ("sourcing", "[glitter]", "p", "mine.yaml:2: device CHERRY_PICKING: cue unknown cue 'glitter' "),
    ("sourcing", "[underline-solid, pattern-dots]", "p",
     "mine.yaml:2: device CHERRY_PICKING: cue 'underline-solid' and 'pattern-dots' are both of "
     "kind 'below'; use one of each kind"),
    ("sourcing", "[shade]", "F1",
     "mine.yaml:2: device CHERRY_PICKING: shortcut 'F1' must be one key 0-9 or a-z, optionally "
     "after 'ctrl+', 'shift+' or 'ctrl shift+'"),
])
def test_overlay_errors(tmp_path: Path, family: str, cue: str, shortcut: str, expected: str) -> None:
    extra = write(tmp_path, "mine.yaml", DEVICE.format(family=family, cue=cue, shortcut=shortcut))
    with pytest.raises(CatalogueError) as info:
        load_catalogue([BUILTIN, extra])
    message = str(info.value).replace(str(tmp_path) + "/", "")
    assert message.startswith("the device catalogue has 1 problem(s):\n")
    assert message.splitlines()[1].startswith(expected)


def test_missing_language_and_duplicate_id_are_all_reported(tmp_path: Path) -> None:
    data = yaml.safe_load(DEVICE.format(family="sourcing", cue="[shade]", shortcut="p"))
    device = data["devices"][0]
    del device["definition"]["zh"]
    twin = dict(device, id="SLOGAN", shortcut="y", cue=["pattern-dots", "bold"])
    data["devices"].append(twin)
    extra = tmp_path / "mine.yaml"
    extra.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(CatalogueError) as info:
        load_catalogue([BUILTIN, extra])
    lines = str(info.value).replace(str(tmp_path) + "/", "").splitlines()[1:]
    assert any("device CHERRY_PICKING: definition: missing language 'zh' (every text needs zh, en)"
               in line for line in lines)
    assert any("device SLOGAN: defined twice" in line for line in lines)


def test_a_language_the_toolkit_cannot_process_is_refused(tmp_path: Path) -> None:
    """A catalogue may only declare languages the toolkit has a tokeniser, rules and handout
    wording for (toolkit/language.py); it says which those are."""
    extra = write(tmp_path, "fr.yaml", "languages: [fr]\n")
    with pytest.raises(CatalogueError) as info:
        load_catalogue([BUILTIN, extra])
    assert ("fr.yaml:1: language 'fr': the toolkit has no tokeniser, rules or handout wording "
            "for it (supported: zh, en)") in str(info.value)


def test_broken_yaml_names_the_file(tmp_path: Path) -> None:
    extra = write(tmp_path, "bad.yaml", "devices: [\n")
    with pytest.raises(CatalogueError) as info:
        load_catalogue([BUILTIN, extra])
    assert str(info.value) == ("the device catalogue has 1 problem(s):\n"
                               f"{extra}:2: invalid YAML: expected the node content, but found "
                               "'<stream end>'")


def test_every_builtin_device_has_key_templates_that_take_the_quote(catalogue) -> None:
    for device in catalogue.devices.values():
        for lang in ("zh", "en"):
            assert "{quote}" in device.ask[lang], (device.id, lang)
            assert device.explain[lang] and device.explain[lang] != device.why[lang], device.id
            assert device.ask[lang].replace("{quote}", "") != device.question[lang]


def test_merged_classes_list_members_that_share_their_ptc_label(catalogue) -> None:
    merged = {d.id: d.members for d in catalogue.devices.values() if d.is_merged}
    assert merged == {"PTC_BANDWAGON_REDUCTIO": ("BANDWAGON", "REDUCTIO_AD_HITLERUM"),
                      "PTC_WHATABOUT_STRAW_HERRING": ("WHATABOUTISM", "STRAW_MAN",
                                                      "RED_HERRING")}
    for device_id, members in merged.items():
        label = catalogue.ptc_for_device(device_id)
        assert catalogue.device_for_ptc(label) == device_id
        assert all(catalogue.ptc_for_device(m) == label for m in members)
        assert all(catalogue.merged_class_of(m) == device_id for m in members)


@pytest.mark.parametrize("extra, expected", [
    ("    members: [CHERRY]\n", "device CHERRY_PICKING: members must be a list of two or more "
                              "device ids (the devices a merged PTC class stands for)"),
    ("    members: [SLOGAN, NOPE]\n", "device CHERRY_PICKING: member 'NOPE' is not a device"),
    ("    members: [SLOGAN, PTC_BANDWAGON_REDUCTIO]\n",
     "device CHERRY_PICKING: member PTC_BANDWAGON_REDUCTIO is itself a merged class"),
    ("    ask: {zh: '「{quote}」？', en: '{words}?'}\n",
     "device CHERRY_PICKING: ask: en: unknown placeholder(s) {words} (allowed: {quote}, "
     "{count})"),
    ("    explain: {zh: 只有中文}\n", "device CHERRY_PICKING: explain: missing language 'en'"),
])
def test_bad_members_and_key_templates(tmp_path: Path, extra: str, expected: str) -> None:
    body = DEVICE.format(family="sourcing", cue="[shade]", shortcut="p") + extra
    with pytest.raises(CatalogueError) as info:
        load_catalogue([BUILTIN, write(tmp_path, "mine.yaml", body)])
    assert expected in str(info.value)


def test_a_good_catalogue_is_read_without_noting_lines(monkeypatch: pytest.MonkeyPatch,
                                                        tmp_path: Path) -> None:
    """Line numbers are found only for a message: the built-in catalogue, which has no
    problem, is read by the fast parser alone (noting lines re-parses the file, about 50 ms
    of every command); a catalogue with a problem still names its line."""
    from toolkit import yamlfile

    calls: list[int] = []
    noting = yamlfile._note_lines
    monkeypatch.setattr(yamlfile, "_note_lines",
                        lambda *args: calls.append(1) or noting(*args))
    load_catalogue()
    assert calls == []
    bad = tmp_path / "bad.yaml"
    bad.write_text("languages: [zh, en]\nfamilies:\n  sourcing:\n    name: 3\n", encoding="utf-8")
    with pytest.raises(CatalogueError) as caught:
        load_catalogue([bad])
    assert calls
    assert f"{bad}:3: family sourcing: name: must be a mapping" in str(caught.value)

"""`mlt doccano setup`: labels, keys and guideline from the catalogue, idempotent."""

from __future__ import annotations


from typer.testing import CliRunner

from toolkit.cli import app
from toolkit.devices import load_catalogue
from toolkit.devices.catalogue import BUILTIN
from toolkit.doccano.guideline import generate_guideline
from toolkit.doccano.labels import label_text, resolve_labels
from toolkit.doccano.project import setup_project

OVERLAY = """\
devices:
  - id: FALSE_BALANCE
    family: wording
    name: {zh: "虚假平衡", en: "False balance"}
    definition: {zh: "把证据悬殊的两方写成旗鼓相当。", en: "Presenting two sides as equal when the evidence is lopsided."}
    question: {zh: "两方的证据真的一样多吗？", en: "Do both sides really have the same evidence?"}
    why: {zh: "读者会以为争议比实际更大。", en: "Readers come away thinking a settled question is open."}
    examples:
      zh: ["报道给了一位反对者和九十九位专家同样的篇幅。"]
      en: ["The report gave one doubter the same space as ninety-nine experts."]
    color: "#336699"
    cue: [underline-wavy, shade]
    shortcut: j
    ptc: []
"""


def test_setup_twice_changes_nothing(admin, catalogue, project_name):
    first = setup_project(admin, project_name, catalogue, language="zh")
    assert first.created and first.labels_added == tuple(catalogue.ids)
    second = setup_project(admin, project_name, catalogue, language="zh")
    assert not second.changed
    assert (second.labels_added, second.labels_updated, second.settings_changed) == ((), (), ())
    project = admin.require_project(project_name)
    assert project.project_type == "SequenceLabeling"
    assert project.allow_overlapping and not project.collaborative_annotation
    assert project.guideline == generate_guideline(catalogue, catalogue.ids, "zh")
    labels = {label.text: label for label in admin.labels(project.id)}
    # labels read in the project's language (the chip shows the key): "匿名信源"
    assert labels["匿名信源"].suffix_key == "a"
    assert sorted(labels) == sorted(label_text(d, "zh") for d in catalogue.devices.values())
    for device in catalogue.devices.values():
        label = labels[label_text(device, "zh")]
        assert label.color.lower() == device.color.lower()
        assert (label.prefix_key, label.suffix_key) == (device.prefix_key, device.suffix_key)


def test_setup_adds_a_device_added_to_the_catalogue(admin, catalogue, project_name, tmp_path):
    setup_project(admin, project_name, catalogue, language="en")
    overlay = tmp_path / "mine.yaml"
    overlay.write_text(OVERLAY, encoding="utf-8")
    extended = load_catalogue([BUILTIN, overlay])
    report = setup_project(admin, project_name, extended, language="en")
    assert report.labels_added == ("FALSE_BALANCE",)
    assert report.settings_changed == ("description", "guideline")
    assert "False balance" in admin.require_project(project_name).guideline
    assert not setup_project(admin, project_name, extended, language="en").changed


def test_setup_restores_a_label_changed_in_doccano(admin, catalogue, project_name):
    setup_project(admin, project_name, catalogue)
    project = admin.require_project(project_name)
    slogan = next(label for label in admin.labels(project.id) if label.text == "口号")
    admin.update_label(project.id, slogan, "#000000", "ctrl", "s")
    report = setup_project(admin, project_name, catalogue)
    assert report.labels_updated == ("SLOGAN",)
    slogan = next(label for label in admin.labels(project.id) if label.text == "口号")
    assert (slogan.color.lower(), slogan.prefix_key, slogan.suffix_key) == ("#82c91e", None, "s")


def test_a_renamed_label_is_still_recognised_and_put_back(admin, catalogue, project_name):
    setup_project(admin, project_name, catalogue, language="en")
    project = admin.require_project(project_name)
    slogan = next(label for label in admin.labels(project.id) if label.text == "Slogan")
    admin.update_label(project.id, slogan, slogan.color, None, "s", "catchphrase")
    assert resolve_labels(admin.labels(project.id), catalogue).device_of("catchphrase") == "SLOGAN"
    report = setup_project(admin, project_name, catalogue, language="en")
    assert report.labels_updated == ("SLOGAN",) and report.extra_labels == ()
    assert "Slogan" in {label.text for label in admin.labels(project.id)}


def test_cli_setup_with_some_devices(doccano_server, project_name):
    runner = CliRunner()
    args = ["doccano", "setup", project_name, "--devices", "SLOGAN,DOUBT", "--language", "en"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"created project {project_name!r} (id ")
    assert result.stdout.endswith(") with 2 label(s)\n")
    result = runner.invoke(app, args)
    assert result.stdout.endswith(") is up to date\n")
    result = runner.invoke(app, ["doccano", "setup", project_name, "--devices", "SLOGANS"])
    assert result.exit_code == 2  # a usage mistake, refused before connecting (docs/cli.md)
    assert result.stderr.splitlines()[-1] == (
        "Error: Invalid value for '--devices': unknown device 'SLOGANS' — did you mean SLOGAN?")


def test_guideline_has_every_chosen_device_in_its_language(catalogue):
    chosen = ["ANONYMOUS_SOURCE", "SLOGAN"]
    zh = generate_guideline(catalogue, chosen, "zh")
    assert zh.startswith("# 标注指南\n")
    for device_id in chosen:
        device = catalogue.get(device_id)
        assert f"### {device.name['zh']} (快捷键: `{device.shortcut}`)" in zh
        assert device.definition["zh"].replace("*", "\\*") in zh
        assert device.question["zh"] in zh
        for example in device.examples["zh"]:
            assert f"> {example}" in zh
    assert catalogue.get("DOUBT").name["zh"] not in zh
    # how to tag in doccano 1.8.4: the key first, suggestions, deleting, submitting
    assert "**先按快捷键，再选文字**" in zh and "预先画好的标注是建议" in zh and "右键" in zh
    assert "已完成" in zh
    en = generate_guideline(catalogue, chosen, "en")
    assert "Press the shortcut key first, then select" in en and "right-click" in en
    assert "Marks already drawn are suggestions" in en and "mark it done" in en
    assert "**Definition:** " + catalogue.get("SLOGAN").definition["en"] in en
    assert "## " + catalogue.families["call"].name["en"] in en


def test_a_project_with_the_older_keyed_label_names_is_renamed(admin, catalogue, project_name):
    """Projects set up before the names dropped their key (`口号 s`) are still read, and the
    next setup renames the labels to the plain names."""
    setup_project(admin, project_name, catalogue)
    project = admin.require_project(project_name)
    slogan = next(label for label in admin.labels(project.id) if label.text == "口号")
    admin.update_label(project.id, slogan, slogan.color, slogan.prefix_key, slogan.suffix_key,
                       "口号 s")
    assert resolve_labels(admin.labels(project.id), catalogue).device_of("口号 s") == "SLOGAN"
    report = setup_project(admin, project_name, catalogue)
    assert report.labels_updated == ("SLOGAN",)
    assert "口号" in {label.text for label in admin.labels(project.id)}


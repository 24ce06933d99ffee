"""doccano label types and our device ids, both ways.

A project's labels show the device's name in the project's language (`匿名信源`,
`Anonymous source`): students read the name, not an id cut to twelve characters; doccano's label
chips show the shortcut key beside it (earlier releases put the key in the name as well, which
printed it twice: `匿名信源 a (a)`). Our files always hold device ids, so every label is mapped
back on the way in, and recognised even when a teacher renamed it in doccano: by its text (a
device id, or a device's name with or without the key, in any language of the catalogue), else
by its shortcut key, which setup gave it and which is unique per project.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..devices.catalogue import Catalogue, Device
from .session import LabelInfo


def label_text(device: Device, language: str) -> str:
    """What a device's label says in a project of `language`: its name (the chip shows the key)."""
    return device.name[language]


def _keyed_text(device: Device, language: str) -> str:
    """The label text earlier releases gave: the name and the key (`匿名信源 a`)."""
    return f"{device.name[language]} {device.shortcut}"


@dataclass(frozen=True)
class LabelMap:
    """A project's labels resolved to devices."""

    to_device: dict[str, str]        # label text -> device id
    to_label: dict[str, LabelInfo]   # device id -> the project's label for it
    unknown: tuple[str, ...]         # label texts that are no device

    def device_of(self, text: str) -> str | None:
        """The device id of a label text, or None."""
        return self.to_device.get(text)


def resolve_labels(labels: Iterable[LabelInfo], catalogue: Catalogue) -> LabelMap:
    """Map every label of a project to a device (see the module's doc for how)."""
    by_text: dict[str, str] = {}
    for device in catalogue.devices.values():
        names = [device.id]
        for language in catalogue.languages:
            names += [label_text(device, language), _keyed_text(device, language)]
        for name in names:
            by_text.setdefault(name.strip().casefold(), device.id)
    by_key = {(d.prefix_key, d.suffix_key): d.id for d in catalogue.devices.values()}
    to_device: dict[str, str] = {}
    to_label: dict[str, LabelInfo] = {}
    unknown: list[str] = []
    ranked = []
    for label in labels:
        device = by_text.get(label.text.strip().casefold())
        strength = 0
        if device is None:
            device = by_key.get((label.prefix_key, label.suffix_key))
            strength = 1
        if device is None:
            unknown.append(label.text)
            continue
        to_device[label.text] = device
        ranked.append((strength, label.id, device, label))
    for _, _, device, label in sorted(ranked, key=lambda item: (item[0], item[1])):
        to_label.setdefault(device, label)  # a label named for the device beats a key match
    return LabelMap(to_device, to_label, tuple(sorted(unknown)))

"""`mlt doccano setup`: create or update a project so that it matches the device catalogue."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..devices.catalogue import Catalogue, Device
from .errors import DoccanoError
from .guideline import generate_guideline
from .labels import label_text, resolve_labels
from .session import SEQUENCE_LABELING, ProjectInfo, Session


@dataclass(frozen=True)
class SetupReport:
    """What `setup` did: the project, and which labels and settings it created or changed."""

    project: ProjectInfo
    created: bool
    labels_added: tuple[str, ...]
    labels_updated: tuple[str, ...]
    settings_changed: tuple[str, ...]
    extra_labels: tuple[str, ...]

    @property
    def changed(self) -> bool:
        """True when anything on the server changed."""
        return bool(self.created or self.labels_added or self.labels_updated
                    or self.settings_changed)


def _description(devices: Sequence[Device], language: str) -> str:
    names = ", ".join(d.name[language] for d in devices)
    return f"Rhetorical devices ({len(devices)}): {names}"


def _project_settings(project: ProjectInfo, guideline: str, description: str) -> dict:
    wanted = {"guideline": guideline, "description": description, "allow_overlapping": True,
              "collaborative_annotation": False}
    return {key: value for key, value in wanted.items()
            if _normal(getattr(project, key)) != _normal(value)}


def _normal(value: object) -> object:
    return value.strip() if isinstance(value, str) else value


def setup_project(session: Session, name: str, catalogue: Catalogue,
                  device_ids: Sequence[str] | None = None, language: str = "zh") -> SetupReport:
    """Create project `name` (or bring it up to date): a SequenceLabeling project with
    overlapping spans, collaboration off, a label per device with the catalogue's colour and
    shortcut, and the generated guideline. Running it again changes nothing."""
    ids = catalogue.resolve_ids(device_ids) if device_ids else catalogue.ids
    devices = [catalogue.get(i) for i in ids]
    guideline = generate_guideline(catalogue, ids, language)
    description = _description(devices, language)
    project = session.find_project(name)
    created = project is None
    if project is None:
        project = session.create_project(name, description, guideline)
    elif project.project_type != SEQUENCE_LABELING:
        raise DoccanoError(f"project {name!r} exists but is a {project.project_type} project; "
                           "rhetorical devices need a SequenceLabeling project: choose another "
                           "name")
    changes = _project_settings(project, guideline, description)
    if changes:
        project = session.update_project(project, **changes)
    added, updated, extra = _sync_labels(session, project.id, devices, catalogue, language)
    return SetupReport(project, created, tuple(added), tuple(updated),
                       tuple(sorted(changes)) if not created else (), tuple(sorted(extra)))


def _sync_labels(session: Session, project_id: int, devices: Sequence[Device],
                 catalogue: Catalogue, language: str) -> tuple[list[str], list[str], list[str]]:
    """Create the missing labels and put back the name, colour and key of the others; return
    (added, updated, labels that are no device)."""
    existing = session.labels(project_id)
    mapping = resolve_labels(existing, catalogue)
    added, updated = [], []
    for device in devices:
        text = label_text(device, language)
        label = mapping.to_label.get(device.id)
        if label is None:
            session.create_label(project_id, text, device.color, device.prefix_key,
                                 device.suffix_key)
            added.append(device.id)
        elif (label.text, label.color.lower(), label.prefix_key, label.suffix_key) != (
                text, device.color.lower(), device.prefix_key, device.suffix_key):
            session.update_label(project_id, label, device.color, device.prefix_key,
                                 device.suffix_key, text)
            updated.append(device.id)
    return added, updated, list(mapping.unknown)

"""A model folder: `manifest.json`, `lexicon.json` and one `<DEVICE>.crfsuite` per device
(and, for a device blended with a linear classifier, `<DEVICE>.linear.npy` beside the shared
`linear.idf.npy`).

The manifest says what the model is: its format, the toolkit and learner (and versions) that
made it, the settings, the devices it tags (with their training span counts), the languages and
the fingerprints of the documents it learnt from. A folder is written whole into a temporary
folder beside the target and renamed into place, so an interrupted `mlt train` leaves the old
model (or nothing) and never half a model.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from .. import __version__
from ..corpus import Document
from ..errors import ToolkitError
from ..progress import Progress, silent
from . import crf, linear
from .features import Lexicon
from .learn import (PAIRED, TOKEN, UNITS, Prepared, Settings, Taggers, WordThresholds,
                    folder_size, sentence_files, tagger_file, train_taggers)

FORMAT = 4  # 4: setting linear_l2 and the field "blend_weights" (files <DEVICE>.linear.npy);
            # 3: settings bags and min_freq (bags > 1: files <DEVICE>.bagN.crfsuite);
            # 2: the unit sentence+word and the field "word_thresholds"; 1 to 3 are still read
MANIFEST = "manifest.json"
LEXICON = "lexicon.json"
KIND = "mlt-model"
MAX_BYTES = 50 * 2**20


class ModelError(ToolkitError):
    """A model folder cannot be read or written."""


@dataclass(frozen=True)
class Manifest:
    """What a model folder says about itself."""

    devices: dict[str, int]         # device -> gold spans it was trained on
    units: dict[str, str]           # device -> token, sentence or sentence+word
    thresholds: dict[str, float]    # device -> the probability a span (or sentence) needs
    languages: tuple[str, ...]
    documents: tuple[str, ...]      # fingerprints of the training documents
    settings: Settings
    learner: str
    learner_version: str
    toolkit_version: str
    created: str
    format: int = FORMAT
    words: dict[str, WordThresholds] | None = None  # sentence+word devices: (inside, outside)
    weights: dict[str, float] | None = None  # blended devices: the CRF's weight (below 1)

    def to_json(self) -> dict[str, Any]:
        return {"kind": KIND, "format": self.format, "toolkit_version": self.toolkit_version,
                "learner": {"name": self.learner, "version": self.learner_version},
                "created": self.created, "settings": self.settings.to_json(),
                "devices": dict(sorted(self.devices.items())),
                "units": dict(sorted(self.units.items())),
                "thresholds": dict(sorted(self.thresholds.items())),
                "word_thresholds": {d: {"inside": w[0], "outside": w[1]}
                                    for d, w in sorted((self.words or {}).items())},
                "blend_weights": dict(sorted((self.weights or {}).items())),
                "languages": list(self.languages), "documents": list(self.documents)}


class Model:
    """A loaded model: its manifest and its taggers."""

    def __init__(self, folder: Path, manifest: Manifest, taggers: Taggers) -> None:
        self.folder = folder
        self.manifest = manifest
        self.taggers = taggers

    @property
    def name(self) -> str:
        return self.folder.name

    def predict(self, document: Document, lang: str = "auto",
                devices: Sequence[str] | None = None):  # -> list[Found]
        """The spans this model finds in `document`."""
        return self.taggers.predict(document, lang, devices)


def train(documents: Sequence[Document], out: str | os.PathLike[str] | None,
          settings: Settings = Settings(), progress: Progress = silent,
          prepared: Prepared | None = None, replace: bool = False) -> Model:
    """Train on `documents` (their spans are the gold) and write the model folder `out`
    atomically; `prepared` may hold the same documents already tokenised."""
    if not documents:
        raise ModelError("no documents to train on")
    prepared = prepared or Prepared(documents, progress)
    target = Path(out)
    check_target(target, replace)
    made = [p for p in (target.parent, *target.parent.parents) if not p.exists()]
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp",
                                     dir=target.parent))
    except OSError as exc:
        raise ModelError(f"cannot write {target}: {exc.strerror or exc}") from None
    try:
        trained = train_taggers(prepared, settings, work, progress)
        if not trained.devices:
            raise ModelError(f"no device has {settings.min_spans} or more gold spans in the "
                             f"{len(documents)} training document(s); a model needs examples")
        manifest = Manifest(trained.devices, trained.units, trained.thresholds,
                            tuple(sorted({item.lang for item in prepared.items})),
                            tuple(d.fingerprint for d in documents), settings, crf.LEARNER,
                            crf.version(), __version__,
                            datetime.now(timezone.utc).isoformat(timespec="seconds"),
                            words=trained.words, weights=trained.weights)
        _write_json(work / LEXICON, trained.lexicon.to_json())
        _write_json(work / MANIFEST, manifest.to_json())
        size = folder_size(work)
        if size > MAX_BYTES:
            raise ModelError(f"the model would take {size / 2**20:.1f} MB (at most "
                             f"{MAX_BYTES // 2**20} MB); raise --c1 to keep fewer features")
        _swap_into_place(work, target)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        for folder in made:  # the folders made for the model, innermost first
            try:
                folder.rmdir()
            except OSError:
                break
        raise
    return load(target)


def check_output(target: str | os.PathLike[str], replace: bool = False) -> None:
    """Before any work: refuse an output folder that `train` would not write (see
    `check_target`)."""
    check_target(Path(target), replace)


def check_target(target: Path, replace: bool) -> None:
    """Refuse to write over anything but a model folder, and over one unless `replace`."""
    if target.exists() and not target.is_dir():
        raise ModelError(f"-o {target} is a file; give a folder for the model")
    blocked = next((parent for parent in target.parents if parent.exists()), None)
    if blocked is not None and not blocked.is_dir():
        raise ModelError(f"cannot write {target}: {blocked} is a file, not a folder")
    if target.is_dir() and any(target.iterdir()):
        if not (target / MANIFEST).is_file():
            raise ModelError(f"-o {target} is a folder that holds no model ({MANIFEST} "
                             "missing); give a new or empty folder")
        if not replace:
            raise ModelError(f"{target} already holds a model; use --force to replace it, or "
                             "-o another folder")


def _write_json(path: Path, data: Any) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def _swap_into_place(work: Path, target: Path) -> None:
    """Rename the finished folder over `target` (an old model moves aside, then goes)."""
    os.chmod(work, 0o777 & ~_umask())
    old = None
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".old", dir=target.parent))
        os.rmdir(old)
        os.replace(target, old)
    try:
        os.replace(work, target)
    except BaseException:
        if old is not None:
            os.replace(old, target)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def load(folder: str | os.PathLike[str]) -> Model:
    """Read a model folder; every problem is one ModelError naming the file and field."""
    root = Path(folder)
    if not root.is_dir():
        raise ModelError(f"{root}: no such model folder (make one with mlt train)")
    path = root / MANIFEST
    data = _read_json(path, "manifest")
    manifest = _manifest(data, str(path))
    lexicon_data = _read_json(root / LEXICON, "lexicon")
    where = str(root / LEXICON)
    if not isinstance(lexicon_data, dict) or not all(
            isinstance(v, dict) and all(isinstance(s, (int, float)) for s in v.values())
            for v in lexicon_data.values()):
        raise ModelError(f"{where}: must map each device to {{word: share}}; the file is "
                         "damaged, train the model again")
    for device in manifest.devices:
        unit = manifest.units[device]
        files = [tagger_file(device)] if unit == TOKEN else sentence_files(device,
                                                                           manifest.settings)
        if unit == PAIRED:
            files.append(tagger_file(device, words=True))
        for name in files:
            if not (root / name).is_file():
                raise ModelError(f"{root / name}: missing (the manifest lists {device}); the "
                                 "folder is incomplete, train the model again")
    taggers = Taggers(root, manifest.units, Lexicon(lexicon_data), manifest.settings,
                      manifest.thresholds, manifest.words, _blend(root, manifest))
    return Model(root, manifest, taggers)


def _blend(root: Path, manifest: Manifest) -> tuple[Any, dict[str, tuple[float, Any]]] | None:
    """The linear classifiers of the blended devices, read without pickle and checked."""
    if not manifest.weights:
        return None

    def array(name: str, size: int) -> Any:
        value = linear.read(root / name, size)
        if isinstance(value, str):
            raise ModelError(f"{root / name}: {value}; the folder is damaged or incomplete, "
                             "train the model again")
        return value
    idf = array(linear.IDF_FILE, linear.COLUMNS)
    return idf, {d: (w, array(linear.weights_file(d), linear.COLUMNS + 1))
                 for d, w in sorted(manifest.weights.items())}


def _read_json(path: Path, what: str) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ModelError(f"{path}: missing; {path.parent} is not a model folder (make one with "
                         "mlt train)") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ModelError(f"{path}: cannot read the {what} ({exc}); train the model "
                         "again") from None
    try:
        return json.loads(text)
    except ValueError as exc:
        line = getattr(exc, "lineno", None)
        raise ModelError(f"{path}:{line or 1}: the {what} is not valid JSON "
                         f"({getattr(exc, 'msg', exc)}); the file is damaged, train the model "
                         "again") from None


def _manifest(data: Any, where: str) -> Manifest:
    if not isinstance(data, dict) or data.get("kind") != KIND:
        raise ModelError(f"{where}: not an mlt model manifest (field \"kind\" must be "
                         f"{KIND!r})")
    version = data.get("format")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise ModelError(f"{where}: field \"format\" must be a whole number from 1 to "
                         f"{FORMAT}, got {json.dumps(version)}")
    if version > FORMAT:
        raise ModelError(f"{where}: field \"format\" is {version}, from a newer toolkit (this "
                         f"one reads format {FORMAT}); update the toolkit or train the model "
                         "again")
    devices = data.get("devices")
    if not isinstance(devices, dict) or not devices or not all(
            isinstance(k, str) and isinstance(v, int) for k, v in devices.items()):
        raise ModelError(f"{where}: field \"devices\" must map device ids to span counts")
    units = data.get("units")
    allowed = UNITS if version >= 2 else tuple(u for u in UNITS if u != PAIRED)
    if not isinstance(units, dict) or set(units) != set(devices) or not all(
            u in allowed for u in units.values()):
        raise ModelError(f"{where}: field \"units\" must give each device of \"devices\" its "
                         f"unit ({', '.join(allowed)})")
    thresholds = data.get("thresholds")
    if not isinstance(thresholds, dict) or set(thresholds) != set(devices) or not all(
            isinstance(v, (int, float)) and not isinstance(v, bool) and 0 < v <= 1
            for v in thresholds.values()):
        raise ModelError(f"{where}: field \"thresholds\" must give each device of \"devices\" "
                         "a probability above 0 and at most 1")
    words = _word_thresholds(data.get("word_thresholds", {}),
                             [d for d, u in units.items() if u == PAIRED], where)
    weights = data.get("blend_weights", {}) if version >= 4 else {}
    if not isinstance(weights, dict) or not set(weights) <= {
            d for d, u in units.items() if u != TOKEN} or not all(
            isinstance(v, (int, float)) and not isinstance(v, bool) and 0 <= v < 1
            for v in weights.values()):
        raise ModelError(f"{where}: field \"blend_weights\" must give sentence devices of "
                         "\"units\" the CRF's weight beside the linear classifier, a number "
                         "from 0 up to (not including) 1")
    texts = {}
    for name in ("languages", "documents"):
        value = data.get(name)
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ModelError(f"{where}: field \"{name}\" must be a list of strings")
        texts[name] = tuple(value)
    learner = data.get("learner")
    if not isinstance(learner, dict) or learner.get("name") != crf.LEARNER:
        raise ModelError(f"{where}: field \"learner\" must name {crf.LEARNER} (the only "
                         "learner this toolkit has)")
    return Manifest(dict(devices), dict(units), {k: float(v) for k, v in thresholds.items()},
                    texts["languages"], texts["documents"],
                    Settings.from_json(data.get("settings"), where), crf.LEARNER,
                    str(learner.get("version", "")), str(data.get("toolkit_version", "")),
                    str(data.get("created", "")), version, words,
                    {k: float(v) for k, v in weights.items()})


def _word_thresholds(data: Any, paired: Sequence[str], where: str) -> dict[str, WordThresholds]:
    """The field "word_thresholds": each sentence+word device's {"inside": p, "outside": p},
    each a probability or null (absent before format 2, when no device had the unit)."""
    def probability(value: Any) -> bool:
        return value is None or (isinstance(value, (int, float)) and not isinstance(value, bool)
                                 and 0 < value <= 1)
    if not isinstance(data, dict) or set(data) != set(paired) or not all(
            isinstance(v, dict) and set(v) == {"inside", "outside"}
            and all(probability(x) for x in v.values()) for v in data.values()):
        raise ModelError(f"{where}: field \"word_thresholds\" must give each sentence+word "
                         "device of \"units\" {\"inside\": p, \"outside\": p}, each a "
                         "probability above 0 and at most 1, or null")
    return {d: (None if v["inside"] is None else float(v["inside"]),
                None if v["outside"] is None else float(v["outside"]))
            for d, v in data.items()}

"""Models trained on a collection's gold: one CRF tagger per device (docs/model.md).

`train` writes a model folder, `load` reads one, `cross_validate` scores the approach on held-out
documents, `gather` collects the gold documents of collection folders and files.
"""

from .cv import CrossValidation, Fold, assign_folds, cross_validate
from .inputs import Gold, gather
from .learn import Found, Settings
from .store import FORMAT, Manifest, Model, ModelError, load, train

__all__ = ["CrossValidation", "FORMAT", "Fold", "Found", "Gold", "Manifest", "Model",
           "ModelError", "Settings", "assign_folds", "cross_validate", "gather", "load", "train"]

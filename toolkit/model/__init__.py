"""Models trained on a collection's gold: one CRF tagger per device (docs/model.md).

`train` writes a model folder, `load` reads one, `cross_validate` scores the approach on held-out
documents, `gather` collects the gold documents of collection folders and files.
"""

from .cv import CrossValidation, Fold, assign_folds, cross_validate, cross_validated
from .inputs import Gold, gather
from .learn import UNIT_CHOICES, Found, Settings, settings_for_unit
from .merge import add_model_suggestions, suggest_with_model
from .store import FORMAT, Manifest, Model, ModelError, check_output, load, train

__all__ = ["CrossValidation", "FORMAT", "Fold", "Found", "Gold", "Manifest", "Model",
           "ModelError", "Settings", "UNIT_CHOICES", "settings_for_unit", "assign_folds", "check_output", "cross_validated",
           "add_model_suggestions", "suggest_with_model", "cross_validate", "gather", "load", "train"]

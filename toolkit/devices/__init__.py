"""The device catalogue: the rhetorical devices the toolkit knows, as bilingual data."""

from __future__ import annotations

from .catalogue import Catalogue, Device, Family, load_catalogue

__all__ = ["Catalogue", "Device", "Family", "load_catalogue"]

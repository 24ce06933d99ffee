"""Importers and exporters for other people's formats: PTC, plain-text articles."""

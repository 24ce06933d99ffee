"""Built-in suggestion rules, one YAML file per device family (a package so the files ship)."""

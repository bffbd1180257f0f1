"""docgen: the paperwork of a county petition office, from YAML case files to Word documents."""

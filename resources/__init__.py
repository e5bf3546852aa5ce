"""Shipped data files (templates, styles, icons, translations); no code lives here."""

"""lawcheck: compare legal definitions of trafficking in persons, element by element."""

__version__ = "0.1.0"

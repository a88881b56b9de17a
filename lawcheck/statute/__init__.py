"""The statute language: parse (lark), syntax tree, resolve, the typed model, render back to text, load a statute set."""

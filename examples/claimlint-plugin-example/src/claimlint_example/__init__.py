"""An example claimlint plugin; the hooks live in :mod:`claimlint_example.plugin`."""

__version__ = "0.1.0"

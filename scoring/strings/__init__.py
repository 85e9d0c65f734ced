"""Result wording owned by scoring (JSON catalogs, see :mod:`scoring.catalog`)."""

"""nbgrader's checks of cell settings, with the JSON schema compiled once per process.

nbgrader's ``MetadataValidator`` calls ``jsonschema.validate`` for every cell, and that
checks the schema itself before each use: about 2 ms a cell, twice per notebook while
grading (once while sanitizing, once at the end), so a large share of each submission's
time. The classes here run nbgrader's own checks unchanged, with one compiled validator.
``coursekit.grading.plugins`` uses them through nbgrader's ``Autograde.autograde_preprocessors``.
"""

from __future__ import annotations

import json
import os
from functools import lru_cache

from jsonschema.exceptions import best_match
from jsonschema.validators import validator_for
from nbgrader.nbgraderformat import common
from nbgrader.nbgraderformat.v3 import MetadataValidatorV3
from nbgrader.preprocessors import CheckCellMetadata as _NbgraderCheckCellMetadata


@lru_cache(maxsize=None)
def _schema(version: int) -> dict:
    with open(os.path.join(common.root, f"v{version:d}.json"), encoding="utf-8") as handle:
        return json.load(handle)


@lru_cache(maxsize=None)
def _validator(version: int):
    schema = _schema(version)
    cls = validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


class _CompiledSchema(common.BaseMetadataValidator):
    """``BaseMetadataValidator.validate_cell``, with the schema read and compiled once."""

    def __init__(self) -> None:
        self.schema = _schema(self.schema_version)

    def validate_cell(self, cell) -> None:
        if "nbgrader" not in cell.metadata:
            return
        version = cell.metadata["nbgrader"].get("schema_version", 0)
        if version < self.schema_version:
            raise common.SchemaTooOldError(
                f"Outdated schema version: {version} (expected {self.schema_version})", version, self.schema_version)
        if version > self.schema_version:
            raise common.SchemaTooNewError(
                f"Schema version is too new: {version} (expected {self.schema_version})", version, self.schema_version)
        error = best_match(_validator(self.schema_version).iter_errors(cell.metadata["nbgrader"]))
        if error is not None:
            raise error


class MetadataValidator(MetadataValidatorV3, _CompiledSchema):
    """nbgrader's current ``MetadataValidator`` (schema 3), every check the same, schema compiled once."""


class CheckCellMetadata(_NbgraderCheckCellMetadata):
    """nbgrader's ``CheckCellMetadata`` with :class:`MetadataValidator`."""

    def preprocess(self, nb, resources):
        import traceback

        from nbgrader.nbgraderformat import ValidationError

        try:
            MetadataValidator().validate_nb(nb)
        except ValidationError:
            self.log.error(traceback.format_exc())
            msg = "Notebook failed to validate; the nbgrader metadata may be corrupted."
            self.log.error(msg)
            raise ValidationError(msg)
        return nb, resources

"""Domain exceptions: every failure a user can meet has a name and a readable message."""


class LawgovError(Exception):
    """Base class of the package's errors."""


class CatalogError(LawgovError):
    """The indicator catalog or a rule file is malformed; the message names the entry."""


class ReadError(LawgovError):
    """A file could not be turned into text (unsupported, empty, binary, undecodable)."""


class SchemaError(LawgovError):
    """A table does not match its declared schema."""


class OutputError(LawgovError):
    """The output tables could not be written."""

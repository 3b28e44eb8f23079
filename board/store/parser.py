"""The TOML parser the store reads with: the compiled tomli, about 3x faster than the standard
library's tomllib (same API), which stands in when tomli is missing."""

try:
    import tomli as tomllib
except ImportError:  # pragma: no cover - tomli is a dependency; tomllib is the same parser in pure Python
    import tomllib  # type: ignore[no-redef]

__all__ = ["tomllib"]

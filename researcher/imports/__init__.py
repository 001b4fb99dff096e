"""Generic import of tabular files (XLSX, CSV): read, validate per row, preview, apply,
and keep the source file for audit."""

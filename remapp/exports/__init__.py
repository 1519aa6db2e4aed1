"""CSV and XLSX exports per modality, streamed from the database in chunks (see ``runner.run_export``)."""

"""newsetl: news-ingestion ETL. Raw dumps and live sources → clean articles → DuckDB, run by Apache Airflow."""

__version__ = "0.1.0"

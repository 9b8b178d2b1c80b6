#!/usr/bin/env bash
# One-shot set-up of a newsetl Airflow deployment (compose service `airflow-init`); safe to run again.
# Runs as root: data volumes owned by the Airflow user; then, through the image's entrypoint, the metadata
# database migrated (_AIRFLOW_DB_MIGRATE), the admin user created (_AIRFLOW_WWW_USER_CREATE) and the pool
# every DuckDB task runs in created with its one slot (the one writer).
set -euo pipefail

uid="${AIRFLOW_UID:-50000}"
mkdir -p /opt/newsetl/data/raw /opt/newsetl/data/stage /opt/airflow/logs
chown -R "${uid}:0" /opt/newsetl/data /opt/airflow/logs

/entrypoint airflow pools set newsetl_warehouse 1 "newsetl: the one DuckDB writer"
echo "newsetl: metadata database migrated, admin user '${_AIRFLOW_WWW_USER_USERNAME:-admin}', pool newsetl_warehouse (1 slot)"

"""`flask backup …`: logical backups that restore into a fresh SQLite or PostgreSQL database."""
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from ..extensions import db
from .backup import BackupError, create_backup, restore_backup
from .clock import utcnow

backup_cli = AppGroup("backup", help="Back up and restore all data.")


@backup_cli.command("create")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path), required=False)
def create(path: Path | None):
    """Write a backup (default: instance/backups/crm-YYYYmmdd-HHMMSS.jsonl.gz)."""
    if path is None:
        folder = Path(current_app.instance_path) / "backups"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"crm-{utcnow():%Y%m%d-%H%M%S}.jsonl.gz"
    try:
        with db.engine.connect() as connection:
            counts = create_backup(connection, path)
    except OSError as error:
        raise click.ClickException(f"No backup written: {error}") from error
    click.echo(f"Backed up {sum(counts.values()):,} rows of {len(counts)} tables to {path}")


@backup_cli.command("restore")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def restore(path: Path):
    """Restore a backup into this (empty, migrated) database."""
    try:
        with db.engine.begin() as connection:
            counts = restore_backup(connection, path)
    except BackupError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"Restored {sum(counts.values()):,} rows into {len(counts)} tables from {path}")

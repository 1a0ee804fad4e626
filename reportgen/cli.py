"""Command line interface (placeholder)."""
import click


@click.group()
def main() -> None:
    """reportgen."""

"""The ``socialtui`` command line: the contract the TUI and later tools reuse.

User errors print one message and a hint on stderr, never a traceback, and exit 2
(checks that block exit 1).
"""

from __future__ import annotations

import json
import logging
import sys
from typing import Any

import click

from socialtui.crash import write_crash_report
from socialtui.errors import SocialTuiError


class AppState:
    """What the global options chose; the practice is opened on first use."""

    def __init__(self, config: str | None, db: str | None, as_staff: str | None, dry_run: bool,
                 passphrase_fd: int | None = None) -> None:
        self.config_path, self.db_url, self.as_staff, self.dry_run = config, db, as_staff, dry_run
        self.passphrase_fd = passphrase_fd
        self._fd_lines: list[str] | None = None
        self._practice: Any = None

    @property
    def practice(self) -> Any:
        if self._practice is None:
            from socialtui.context import open_practice

            self._practice = open_practice(self.config_path, self.db_url, as_staff=self.as_staff, dry_run=self.dry_run)
            self._practice.passphrase_source = self.read_passphrase
        return self._practice

    def read_passphrase(self, name: str) -> str:
        """``name``'s passphrase: from ``--passphrase-fd``, else a hidden prompt on a terminal.

        Never from the command line or the environment, where other users and logs can read it.
        """
        from socialtui.errors import PermissionDeniedError

        if self.passphrase_fd is not None:
            if self._fd_lines is None:
                try:
                    with open(self.passphrase_fd, encoding="utf-8", closefd=False) as stream:
                        self._fd_lines = stream.read().splitlines()
                except OSError as exc:
                    raise PermissionDeniedError(f"Cannot read a passphrase from file descriptor {self.passphrase_fd}: "
                                                f"{exc.strerror}.", "Pass an open descriptor, e.g. --passphrase-fd 3 3<file.") from None
            if not self._fd_lines:
                raise PermissionDeniedError(f"File descriptor {self.passphrase_fd} holds no (more) passphrase lines.",
                                            "Write one passphrase per line.")
            return self._fd_lines.pop(0)
        if not sys.stdin.isatty():
            raise PermissionDeniedError(f"Acting as {name} needs their passphrase, and there is no terminal to ask on.",
                                        "Run the command in a terminal, or pass --passphrase-fd N.")
        return str(click.prompt(f"Passphrase for {name}", hide_input=True, err=True))

    def close(self) -> None:
        if self._practice is not None:
            self._practice.close()


pass_state = click.make_pass_decorator(AppState)


def echo_json(data: object) -> None:
    """Print ``data`` as stable, indented JSON."""
    click.echo(json.dumps(data, indent=2, sort_keys=True, default=str, ensure_ascii=False))


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--config", "config", type=click.Path(dir_okay=False), help="Config file (default: $SOCIALTUI_CONFIG, then the user config dir).")
@click.option("--db", "db", metavar="URL", help="Database URL (overrides the config).")
@click.option("--as", "as_staff", metavar="STAFF", help="Act as this staff member.")
@click.option("--passphrase-fd", "passphrase_fd", type=int, metavar="FD",
              help="Read the --as person's passphrase from this open file descriptor instead of a prompt.")
@click.option("--dry-run", is_flag=True, help="Send nothing: record what each platform would receive.")
@click.version_option(package_name="socialtui")
@click.pass_context
def cli(ctx: click.Context, config: str | None, db: str | None, as_staff: str | None, dry_run: bool,
        passphrase_fd: int | None) -> None:
    """socialtui: a safe social-media calendar for a medical practice.

    With no command, opens the terminal app.
    """
    state = AppState(config, db, as_staff, dry_run, passphrase_fd)
    ctx.obj = state
    ctx.call_on_close(state.close)
    if ctx.invoked_subcommand is None:
        from socialtui.cli.calendar import open_app

        open_app(state)


def main() -> None:
    """Entry point: run the CLI, turning socialtui errors into a message and a hint."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        _refuse_undecodable_arguments(sys.argv[1:])
        cli.main(standalone_mode=False)
    except SocialTuiError as exc:
        click.secho(f"error: {exc.message}", err=True, fg="red")
        for finding in getattr(exc, "findings", []):
            click.echo(f"  {finding.code} {finding.severity} {finding.message}" + (f" ({finding.hint})" if finding.hint else ""), err=True)
        if exc.hint:
            click.echo(f"hint: {exc.hint}", err=True)
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(2 if exc.exit_code == 1 else exc.exit_code)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception:  # noqa: BLE001 - a bug: keep the traceback out of the user's way but not lost
        report = write_crash_report()
        click.secho("error: socialtui hit an internal problem; nothing further was changed.", err=True, fg="red")
        click.echo(f"hint: please send {report} to your IT contact (it holds no post text or secret).", err=True)
        sys.exit(70)


def _refuse_undecodable_arguments(args: list[str]) -> None:
    """Refuse an argument that is not valid UTF-8 (the shell hands Python surrogate escapes).

    Such text cannot be stored, checked or printed; the message names the option,
    never the text, which may be about a patient.

    Raises:
        ValidationError: an argument is not valid UTF-8.
    """
    from socialtui.errors import ValidationError

    for index, arg in enumerate(args):
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            option = arg.partition("=")[0] if arg.startswith("--") else (args[index - 1] if index and args[index - 1].startswith("-") else "")
            where = f"The value of {option}" if option else f"Argument {index + 1}"
            raise ValidationError(f"{where} is not valid UTF-8 text.",
                                  "Set the terminal to UTF-8 (e.g. LANG=en_US.UTF-8), or type the text in the app.") from None


def _register() -> None:
    from socialtui.cli import accounts, audit, calendar, check, consents, policy, posts, serve, staff

    for module in (posts, check, consents, staff, audit, calendar, serve, accounts, policy):
        for command in module.COMMANDS:
            cli.add_command(command)


_register()

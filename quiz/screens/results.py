"""The results: the report of one result (headline and measures, the roles with bars, the profile, why,
the dimensions, how firm it is, anything to read with care, the roles' descriptions, the numbers explained,
the sources and the disclaimer). Long content scrolls.

The screen renders the same :class:`~scoring.report.Report` as every export, through the text renderer's
lines, wrapped at the screen's own width with the CJK line-breaking rules.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from rich.console import Console, ConsoleOptions
from rich.measure import Measurement
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Static

from questions.schema import Bank, Lang
from quiz.export.common import labelled
from quiz.export.text import Line, section_lines
from quiz.export.wrap import wrap_cells
from quiz.screens.base import QuizScreen
from quiz.widgets.keybar import KeyBar
from scoring.report import Report, Section, build_report
from scoring.result import ResultDocument

if TYPE_CHECKING:
    from scoring.document import AnyDocument

STYLES = {"title": "bold", "lead": "bold", "cite": "italic dim", "note": "dim", "text": "", "head": "bold"}
"""How each kind of line is drawn; meaning never rests on colour alone."""


class Lines:
    """A Rich renderable that lays out tagged lines at the width it is given (re-laid on every resize)."""

    def __init__(self, make: Callable[[int], list[Line]]) -> None:
        self.make = make

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Text]:
        for kind, line in self.make(max(20, options.max_width)):
            if kind != "rule":
                yield Text(line, style=STYLES.get(kind, ""), no_wrap=True, overflow="crop")

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(1, options.max_width)


def head_lines(report: Report, lang: Lang, width: int) -> list[Line]:
    """The headline, the two measures with what they mean, and how many questions were answered."""
    out: list[Line] = [("head", x) for x in wrap_cells(report.headline.get(lang), width)]
    for n, measure in enumerate(report.measures):
        kind = "note" if n == len(report.measures) - 1 and n > 0 else "text"
        out += [(kind, x) for x in wrap_cells(measure.get(lang), width)]
    out.append(("note", report.answered_line.get(lang)))
    return out


def _section_maker(section: Section, lang: Lang) -> Callable[[int], list[Line]]:
    """Lines of ``section`` at a given width (without the blank line that ends it in the text export)."""
    return lambda width: section_lines(section, lang, width)[:-1]


class ResultsScreen(QuizScreen[None]):
    """Shows the report of one :class:`~scoring.result.ResultDocument`, scored with ``bank``."""

    BINDINGS = [
        Binding("a", "more('insufficient')", "app.key.answer_more"),
        Binding("a", "more('short')", "app.key.answer_rest"),
        Binding("e", "export", "app.key.export"),
        Binding("c", "compare", "app.key.compare"),
        Binding("r", "retake", "app.key.retake"),
        Binding("q", "app.quit", "app.key.quit"),
    ]

    class RetakeChosen(Message):
        """Take the quiz again (confirmed)."""

    class RestChosen(Message):
        """Answer the rest of the questions (or more of them), keeping every answer."""

    def __init__(self, document: ResultDocument, bank: Bank) -> None:
        super().__init__()
        self.document = document
        self.bank = bank
        self._report: Report | None = None

    @property
    def report(self) -> Report:
        """The report, built once from the document and the bank."""
        if self._report is None:
            self._report = build_report(self.document, self.bank)
        return self._report

    @property
    def offer(self) -> str | None:
        """What the ``a`` key offers: ``insufficient`` (answer more), ``short`` (answer the rest), or None."""
        r = self.document.result
        if r.answered >= r.total:
            return None
        if r.profile.shape == "insufficient":
            return "insufficient"
        return "short" if r.form.mode == "adaptive" else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Show only the ``a`` key that applies to this result (none for a full form with a result)."""
        if action == "more":
            return parameters[:1] == (self.offer,)
        return True

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="results-body"):
            yield Static(id="results-headline", classes="results-section")
            yield Static(id="results-more", classes="results-section")
            for section in self.report.sections:
                yield Static(id=f"results-{section.key}", classes="results-section")
            yield Static(id="results-disclaimer", classes="results-section")
        yield KeyBar(compact=True)

    def on_mount(self) -> None:
        self.query_one("#results-body", VerticalScroll).focus()

    def refresh_text(self) -> None:
        lang = self.lang
        report = self.report
        self.query_one("#results-headline", Static).update(Lines(lambda width: head_lines(report, lang, width)))
        more = self.query_one("#results-more", Static)
        more.display = self.offer is not None
        r = self.document.result
        if self.offer is not None:
            offer = (self.t("results.more_short", left=r.total - r.answered)
                     if self.offer == "short" else self.t("results.more_insufficient", left=r.total - r.answered))
            more.update(Lines(lambda width: [("lead", line) for line in wrap_cells(offer, width)]))
        for section in report.sections:
            self.query_one(f"#results-{section.key}", Static).update(Lines(_section_maker(section, lang)))
        notice = labelled(report.disclaimer_label.get(lang), report.disclaimer.get(lang), lang)
        self.query_one("#results-disclaimer", Static).update(
            Lines(lambda width: [("note", line) for line in wrap_cells(notice, width)]))

    # ----------------------------------------------------------------- actions

    def action_export(self) -> None:
        """Export the result to a file (Markdown, JSON, HTML or text)."""
        from quiz.dialogs.export import ExportDialog

        def done(path: object) -> None:
            if path is not None:
                self.notify(self.t("results.exported", path=str(path)), markup=False)

        self.app.push_screen(ExportDialog(self.document, self.bank, self.lang), done)

    def action_compare(self) -> None:
        """Compare with the last result saved before this one (history is read off the UI thread)."""
        self._read_previous()

    @work(thread=True, exclusive=True, group="compare")
    def _read_previous(self) -> None:
        from quiz.history import latest_before

        try:
            previous = latest_before(self.document)
        except OSError as exc:
            self.app.call_from_thread(self._history_unreadable, exc.strerror or str(exc))
            return
        self.app.call_from_thread(self._show_comparison, previous)

    def _history_unreadable(self, reason: str) -> None:
        self.notify(self.t("app.error.history_read", reason=reason), severity="warning", markup=False)

    def _show_comparison(self, previous: AnyDocument | None) -> None:
        if not self.is_attached:
            return  # the person moved on while history was read
        if previous is None:
            self.notify(self.t("results.no_previous"), markup=False)
            return
        from quiz.dialogs.text import TextDialog
        from quiz.export.compare import compare_text
        from quiz.i18n import t
        from scoring.compare import compare

        comparison = compare(previous, self.document)
        bank = self.bank
        self.app.push_screen(
            TextDialog(lambda lang: (t("results.compare_title", lang), compare_text(comparison, bank, lang)))
        )

    def action_more(self, offer: str) -> None:
        """Answer the rest (a short form) or more (too few answers for a result): back to the questions."""
        if offer == self.offer:
            self.post_message(self.RestChosen())

    def action_retake(self) -> None:
        """Take the quiz again (after confirming)."""
        from quiz.dialogs.confirm import ConfirmDialog

        def done(yes: bool | None) -> None:
            if yes:
                self.post_message(self.RetakeChosen())

        self.app.push_screen(ConfirmDialog("confirm.retake"), done)

"""The exercise runner: one step at a time, every change kept as a draft.

The keys that leave a step (Ctrl+N, Ctrl+B, Enter, Esc) and Tab run in the order they were
typed, after the step's input has taken every key typed before them (see `bursts`): the
answer stored for a step is everything typed before the key that left it.
"""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, Horizontal, VerticalScroll
from textual.widgets import Button, Markdown, Static

from cbt_tui.domain.answers import due_words, entry_answer_text, shown_answers
from cbt_tui.domain.entries import Entry, EntryStatus, now
from cbt_tui.domain.packs.models import Exercise, Pack, Step, split_ref
from cbt_tui.domain.run import ExerciseRun
from cbt_tui.text import markdown_quote, visible_text
from cbt_tui.tui import shown
from cbt_tui.tui.bursts import focus_now, handled_so_far
from cbt_tui.tui.screens.base import TrainerScreen
from cbt_tui.tui.screens.confirm import ConfirmScreen
from cbt_tui.tui.widgets.footer import TrainerFooter
from cbt_tui.tui.widgets.scores import score_widgets
from cbt_tui.tui.widgets.steps import StepContext, StepView, view_for
from cbt_tui.tui.widgets.steps.simple import FollowupStepView


class RunnerScreen(TrainerScreen[None]):
    BINDINGS = [
        Binding("ctrl+n", "next", "Next", id="runner.next", priority=True),
        Binding("ctrl+b", "back", "Back", id="runner.back", priority=True),
        Binding("enter", "enter", "Next", id="runner.enter", show=False, priority=True),
        Binding("tab", "focus_field(1)", "Next field", id="runner.next_field", show=False, priority=True),
        Binding(
            "shift+tab", "focus_field(-1)", "Previous field", id="runner.previous_field", show=False, priority=True
        ),
        Binding("f2", "toggle_help", "Step help", id="runner.help"),
        Binding("escape", "leave", "Save & leave", id="runner.leave"),
        Binding("f8", "discard", "Discard", id="runner.discard", show=False),  # in the palette
    ]

    def __init__(self, pack: Pack, exercise: Exercise, entry: Entry) -> None:
        super().__init__()
        self.run = ExerciseRun(pack, exercise, entry)
        self._resumed_at = self.run.index
        self._kept = bool(self.run.answers)
        """Whether the draft keeper has this entry (it holds answers, or held them)."""
        self.view: StepView | None = None
        self._help_drawn_for: Step | None = None
        """The step whose help the (hidden) help box holds: it is drawn when F2 shows it."""

    def compose(self) -> ComposeResult:
        yield Static(id="runner-title")
        with VerticalScroll(id="step-scroll"):
            if self._notices():
                yield Static(id="runner-notice", classes="hint")
            yield Markdown(id="prompt", open_links=False)
            yield Static(id="step-recall")
            yield Static(id="shown")  # the earlier answers this step looks at (`show`)
            yield Markdown(id="step-help", open_links=False)
            yield Container(id="step-body")
            yield Static(id="problem")
        with Horizontal(id="nav"):
            yield Button("← Back", id="back")
            yield Button("Next →", id="next", variant="primary")
        yield TrainerFooter()

    def _notices(self) -> list[str]:
        """Said above the step, before the person goes on: a resumed entry whose exercise
        changed (on every step), and a follow-up picked up before it is due (on the step
        it resumes at)."""
        notices = [self.run.update.notice] if self.run.update is not None else []
        entry = self.run.entry
        due = entry.followup_due
        early = entry.status is EntryStatus.AWAITING_FOLLOWUP and due is not None and due > now()
        if early and due is not None and self.run.index == self._resumed_at:
            notices.append(f"This part is {due_words(due, now())}: going on now notes that you did it early.")
        return notices

    def _show_notices(self) -> None:
        for notice in self.query("#runner-notice").results(Static):
            notices = self._notices()
            notice.update(shown.text("\n".join(notices)))
            notice.display = bool(notices)

    async def on_mount(self) -> None:
        await self.show_step()

    def on_unmount(self) -> None:
        self.trainer.let_readers_go()  # left before its first step was drawn: they wait no more

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Offer "Step help" only where the step has some (the footer is short at 80 columns)."""
        if action == "toggle_help":
            return bool(self.run.step.help)
        return True

    def _step_context(self) -> StepContext:
        step = self.run.step
        step_id = getattr(step, "id", None)
        earlier_id = getattr(step, "rerate", None)
        extra = {"now": self.trainer.clock} if self.trainer.clock is not None else {}
        return StepContext(
            step=step,
            pack=self.run.pack,
            exercise=self.run.exercise,
            answers=dict(self.run.answers),
            initial=self.run.answers.get(step_id) if step_id else None,
            earlier=self.run.answers.get(earlier_id) if earlier_id else None,
            reduced_motion=self.trainer.reduced_motion,
            **extra,
        )

    async def show_step(self) -> None:
        # The step just left is gone: a change its view still reports (this screen handles
        # them while the new step is drawn) must not land on the new step.
        self.view = None
        step = self.run.step
        number, total = self.run.counter()
        title = shown.line(self.run.exercise.title, style="bold")
        title.append(shown.words(f"  ·  step {number} of {total}"), style="dim")
        self.query_one("#runner-title", Static).update(title)
        self._show_notices()
        await self.query_one("#prompt", Markdown).update(shown.words(self.run.prompt(escape=markdown_quote)))
        self._show_earlier_answers()
        self.query_one("#step-help", Markdown).display = False  # drawn when F2 shows it
        self.query_one("#step-recall", Static).remove_class("-shown")
        if step.recall is not None:
            self.recall(step)
        self.refresh_bindings()
        self.query_one("#problem", Static).update("")
        body = self.query_one("#step-body", Container)
        await body.remove_children()
        self.view = view_for(self._step_context())
        await body.mount(self.view)
        self.query_one("#back", Button).disabled = not self.run.can_go_back
        is_followup = step.type == "followup"
        self.query_one("#next", Button).label = (
            "Save for later →" if is_followup else ("Review →" if self.run.is_last else "Next →")
        )
        self.query_one("#step-scroll").scroll_home(animate=False)
        # At once: the next key of a burst goes to this step, not the one just left.
        # With earlier answers shown, the prompt stays in view above them (not scrolled
        # past to bring the input's bottom into view).
        focus_now(self.view.focus_target() or self.query_one("#next", Button), scroll_visible=not self.run.step.show)
        self.call_after_refresh(self._take_craving_keys, self.view)

    def _take_craving_keys(self, view: StepView) -> None:
        """`c` then `8` typed at once: the 8 reaches the craving surf's opening rating."""
        keys = self.trainer.take_craving_keys()
        if keys and view is self.view:
            from cbt_tui.tui.widgets.steps.timer import TimerStepView

            if isinstance(view, TimerStepView):
                view.type_keys(keys)
        self.call_after_refresh(self.trainer.let_readers_go)  # once what the keys did is drawn

    @work(thread=True, exclusive=True, exit_on_error=False, name="find your earlier answer", group="recall")
    def recall(self, step: Step) -> None:
        """The person's own latest answer that the step recalls, read off the UI thread;
        nothing shows when there is none (or its pack is gone)."""
        store, catalog, recall = self.trainer.store, self.trainer.catalog, step.recall
        if store is None or recall is None:
            return
        pack_id, exercise_id = split_ref(recall.exercise, self.run.pack.id)
        entry = store.latest(pack_id, exercise_id)
        if entry is None:
            return
        text = entry_answer_text(entry, recall.step, catalog.find(exercise_id, pack_id) if catalog else None)
        if text.strip():
            label = recall.label or f"From your {entry.exercise_title}:"
            when = entry.completed_at or entry.started_at
            self.app.call_from_thread(self._show_recall, step, f"{label}  ({when:%a %d %b})\n{text}")

    def _show_recall(self, step: Step, text: str) -> None:
        if self.run.step is step:  # still on the step that asked for it
            recalled = self.query_one("#step-recall", Static)
            recalled.update(shown.text(text))
            recalled.add_class("-shown")

    def _show_earlier_answers(self) -> None:
        """What the step refers to ("looking at both lists"), read-only, above its input."""
        earlier = Text()
        for heading, answer in shown_answers(self.run.step, self.run.answers, self.run.definition):
            if earlier:
                earlier.append("\n")
            earlier.append_text(shown.text(heading + "\n", style="bold"))
            earlier.append_text(shown.text("\n".join(f"  {line}" for line in answer.splitlines())))
        box = self.query_one("#shown", Static)
        box.update(earlier)
        box.display = bool(earlier)

    def on_step_view_changed(self, event: StepView.Changed) -> None:
        if event.view is not self.view:
            return  # from the step just left: its answer was taken when it was left
        self.run.set_answer(event.view.answer())
        self.query_one("#problem", Static).update("")
        self._keep()

    def _keep(self) -> None:
        """Hand the entry to the draft keeper once it holds an answer (a look past an
        intro page keeps nothing, as nothing was written), and from then on at every
        change, answers emptied again included."""
        if self.run.answers or self._kept:
            self._kept = True
            self.trainer.drafts.keep(self.run.entry)

    def keep_typing(self) -> None:
        """What is on screen goes to the draft keeper, if it has not yet (at quit)."""
        if self.view is None:
            return
        before = dict(self.run.answers)
        self.run.set_answer(self.view.answer())
        if self.run.answers != before:
            self._keep()

    async def action_enter(self) -> None:
        """Enter: the step's own use of it (add an item), or move on from a one-line
        answer, a scale or a ratings step; elsewhere the focused widget's (a new line, a
        radio button, a button)."""
        focused = self.focused
        await handled_so_far(focused)
        view = self.view
        if view is None:
            raise SkipAction()
        if await view.take_enter(focused):
            return
        if not view.enter_moves_on(focused):
            raise SkipAction()
        await self.next_step()

    def action_focus_field(self, direction: int) -> None:
        """Tab and Shift+Tab, at once, so digits typed right after rate the field moved to."""
        if direction > 0:
            self.focus_next()
        else:
            self.focus_previous()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "next":
            self.run_worker(self.next_step(), exclusive=True, group="runner-nav", exit_on_error=False)
        elif event.button.id == "back":
            self.run_worker(self.action_back(), exclusive=True, group="runner-nav", exit_on_error=False)

    async def action_next(self) -> None:
        await handled_so_far(self.focused)
        await self.next_step()

    async def next_step(self) -> None:
        """Take the step's answer and move on (or to the review, or wait for a follow-up)."""
        view = self.view
        if view is None:
            return
        problem = view.problem()
        if problem:
            self.query_one("#problem", Static).update(shown.text(problem))
            return
        self.run.set_answer(view.answer())
        if isinstance(view, FollowupStepView):
            self.run.choose_wait(view.chosen_wait())
        if self.run.is_last and self.run.step.type != "followup":
            self._keep()
            self.app.push_screen(ReviewScreen(self.run), self._after_review)
            return
        moved = self.run.go_next()
        self._keep()
        if not moved:
            due = self.run.entry.followup_due
            self.app.notify(
                shown.words(
                    f"Saved. This exercise waits for you on the home screen, {due_words(due, now())}."
                    if due is not None
                    else "Saved. This exercise waits for you on the home screen."
                ),
                title="See you then",
                markup=False,
            )
            self.dismiss()
            return
        await self.show_step()

    async def action_back(self) -> None:
        await handled_so_far(self.focused)
        if self.view is not None:
            self.run.set_answer(self.view.answer())
        if self.run.can_go_back:
            self.run.go_back()
            self._keep()
            await self.show_step()

    async def action_toggle_help(self) -> None:
        help_box = self.query_one("#step-help", Markdown)
        step = self.run.step
        if not step.help:
            self.notify("This step has no extra help.")
            return
        if not help_box.display and self._help_drawn_for is not step:
            await help_box.update(shown.words(step.help))
            self._help_drawn_for = step
        help_box.display = not help_box.display

    async def action_leave(self) -> None:
        await handled_so_far(self.focused)
        if self.view is not None:
            self.run.set_answer(self.view.answer())
        self._keep()
        if self.run.answers:
            self.notify("Saved as a draft. Pick it up from the home screen any time.")
        self.dismiss()

    def action_discard(self) -> None:
        """F8 or the palette: delete this draft for good, after one question."""
        entry_id = self.run.entry.id
        app = self.trainer

        def discard() -> None:
            app.drafts.final_write(lambda store: store.discard(entry_id))
            app.call_from_thread(app.notify, "The draft was discarded.")

        def answered(confirmed: bool | None) -> None:
            if confirmed:
                app.run_worker(discard, thread=True, exit_on_error=False, name="discard the draft", group="discard")
                self.dismiss()

        question = (
            f"Discard this draft of {visible_text(self.run.exercise.title)}? What you wrote in it is deleted "
            "from this computer, backups in the data home included, and cannot be brought back."
        )
        self.app.push_screen(ConfirmScreen(question), answered)

    def _after_review(self, saved: bool | None) -> None:
        if saved:
            self.dismiss()
            self.trainer.offer_next(self.run.pack, self.run.exercise, self.run.answers)


class ReviewScreen(TrainerScreen[bool]):
    """Every answer once more, before it goes into history."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="review.save", priority=True),
        Binding("escape", "cancel", "Go back", id="review.back"),
        Binding("pagedown", "page(1)", "Scroll", id="review.page_down"),
        Binding("pageup", "page(-1)", "Scroll up", id="review.page_up", show=False),
    ]

    def __init__(self, run: ExerciseRun) -> None:
        super().__init__()
        self.run = run

    def compose(self) -> ComposeResult:
        yield Static(shown.text(f"{self.run.exercise.title}  ·  your answers", style="bold"), id="runner-title")
        with VerticalScroll(id="review"):
            for row in self.run.review():
                yield Static(shown.text(row.heading), classes="review-prompt")
                yield Static(shown.text(row.text), classes="review-answer")
            yield from score_widgets(*self.run.scoring(), self.run.exercise)
        with Horizontal(id="nav"):
            yield Button("← Go back", id="cancel")
            yield Button("Save to history", id="save", variant="primary")
        yield TrainerFooter()

    def on_mount(self) -> None:
        self.query_one("#save", Button).focus()

    def action_page(self, direction: int) -> None:
        """PgDn and PgUp scroll the answers wherever the focus is (it starts on Save)."""
        review = self.query_one("#review", VerticalScroll)
        review.scroll_page_down() if direction > 0 else review.scroll_page_up()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()
        else:
            self.action_cancel()

    def action_cancel(self) -> None:
        self.dismiss(False)

    def action_save(self) -> None:
        entry = self.run.complete()
        self.save(entry.model_copy(deep=True))

    @work(thread=True, exclusive=True, exit_on_error=False, name="save to your history", group="review")
    def save(self, entry: Entry) -> None:
        from cbt_tui.store import StoreError

        try:
            self.trainer.drafts.final_write(lambda store: store.save(entry))
        except StoreError as error:
            self.app.call_from_thread(self._failed, str(error))
        else:
            self.app.call_from_thread(self._saved)

    def _saved(self) -> None:
        self.app.notify("Saved to your history. Well done for taking the time.", title="Saved")
        self.dismiss(True)

    def _failed(self, message: str) -> None:
        self.run.entry.status = EntryStatus.DRAFT
        self.run.entry.completed_at = None
        self.trainer.drafts.keep(self.run.entry)
        self.app.notify(
            shown.words(f"{message}\nYour answers are kept. Press Save to try again."),
            severity="error",
            timeout=15,
            markup=False,
        )

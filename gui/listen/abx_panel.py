"""The blind ABX panel: the listener plays A, B and X and says which one X is."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QWidget,
)

from core.listen.abx import AbxSession
from gui.localized import number


class AbxPanel(QGroupBox):
    play_source = Signal(str)  # "A" or "B": the buffer to play; X arrives as its hidden source
    running_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Blind ABX test"))
        self.setObjectName("abxPanel")
        self.setAccessibleName(self.tr("Blind ABX test"))
        self.session: AbxSession | None = None
        self.seed: int | None = None  # tests fix it; listeners never do

        row = QHBoxLayout(self)
        self.trials = QSpinBox(self)
        self.trials.setObjectName("abxTrials")
        self.trials.setAccessibleName(self.tr("Number of ABX trials"))
        self.trials.setRange(4, 100)
        self.trials.setValue(16)
        self.trials.setSuffix(self.tr(" trials"))
        self.start_button = QPushButton(self.tr("Start"), self)
        self.start_button.setObjectName("abxStart")
        self.start_button.setAccessibleName(self.tr("Start or stop the ABX test"))
        self.start_button.clicked.connect(self._toggle)
        row.addWidget(self.trials)
        row.addWidget(self.start_button)
        self.buttons: dict[str, QPushButton] = {}
        for key, text, tip in (
            ("A", self.tr("Play A"), self.tr("Play the original")),
            ("B", self.tr("Play B"), self.tr("Play the processed version")),
            ("X", self.tr("Play X"), self.tr("Play the hidden one")),
            ("isA", self.tr("X is A"), self.tr("Answer: X is the original")),
            ("isB", self.tr("X is B"), self.tr("Answer: X is the processed version")),
        ):
            b = QPushButton(text, self)
            b.setObjectName(f"abx{key[0].upper()}{key[1:]}")
            b.setAccessibleName(tip)
            b.setToolTip(tip)
            b.setEnabled(False)
            row.addWidget(b)
            self.buttons[key] = b
        for key in ("A", "B", "X"):
            self.buttons[key].clicked.connect(lambda _=False, k=key: self._play(k))
        self.buttons["isA"].clicked.connect(lambda: self._answer("A"))
        self.buttons["isB"].clicked.connect(lambda: self._answer("B"))
        self.status = QLabel(self.tr("Hides which is which; answers for N trials."), self)
        self.status.setObjectName("abxStatus")
        self.status.setWordWrap(True)
        row.addWidget(self.status, 1)

    @property
    def running(self) -> bool:
        return self.session is not None and not self.session.finished

    def _toggle(self) -> None:
        if self.running:
            self.stop()
        else:
            self.start()

    def start(self) -> None:
        self.session = AbxSession(trials=self.trials.value(), seed=self.seed)
        self._set_running(True)
        self._show_trial()

    def stop(self) -> None:
        if self.session is not None and self.session.answered:
            self.status.setText(self.tr("Stopped. {summary}").format(summary=self._summary()))
        self.session = None
        self._set_running(False)

    def _set_running(self, on: bool) -> None:
        for b in self.buttons.values():
            b.setEnabled(on)
        self.trials.setEnabled(not on)
        self.start_button.setText(self.tr("Stop") if on else self.tr("Start"))
        self.running_changed.emit(on)

    def _show_trial(self) -> None:
        s = self.session
        self.status.setText(
            self.tr(
                "Trial {trial} of {trials}: play A, B and X as often as you like, "
                "then say which one X is."
            ).format(trial=s.index + 1, trials=s.trials)
        )

    def _play(self, button: str) -> None:
        if self.running:
            self.play_source.emit(self.session.source_for(button))

    def _answer(self, x_is: str) -> None:
        if not self.running:
            return
        self.session.answer(x_is)
        if self.session.finished:
            self.status.setText(self.tr("Done: {summary}").format(summary=self._summary()))
            self._set_running(False)
        else:
            self._show_trial()

    def _summary(self) -> str:
        """The session's score and verdict (AbxSession.summary's words, translated)."""
        s = self.session
        verdict = (
            self.tr("very unlikely to be guessing: the difference is audible")
            if s.audible
            else self.tr("could well be guessing")
        )
        return self.tr(
            "{correct} of {answered} correct; probability of doing this well by guessing: "
            "{p} ({verdict})"
        ).format(
            correct=s.correct,
            answered=s.answered,
            p=number(float(f"{s.p_value:.3g}")),
            verdict=verdict,
        )

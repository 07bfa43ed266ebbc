"""View → Language: the interface's languages, each in its own name; the choice is saved
(gui.i18n) and applies at the next start, which a message says without waiting for an
answer (widgets take their texts when they are built)."""

from __future__ import annotations

from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QMessageBox, QWidget

from gui.i18n import LANGUAGES, chosen_language, current_language, save_language


class LanguageMenu(QMenu):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(self.tr("&Language"), parent)
        self.setObjectName("languageMenu")
        self.notice: QMessageBox | None = None
        group = QActionGroup(self)
        group.setExclusive(True)
        chosen = chosen_language()
        self.language_actions: dict[str, QAction] = {}
        for code, name in LANGUAGES.items():
            action = QAction(name, self)
            action.setObjectName(f"actionLanguage_{code}")
            action.setCheckable(True)
            action.setChecked(code == chosen)
            action.triggered.connect(lambda _=False, c=code: self.choose(c))
            group.addAction(action)
            self.addAction(action)
            self.language_actions[code] = action

    def choose(self, code: str) -> QMessageBox | None:
        """Save `code` for the next start and say so; nothing to say when it is the language
        already in use (a change undone before restarting)."""
        save_language(code)
        self.language_actions[code].setChecked(True)
        if self.notice is not None:
            self.notice.close()
            self.notice = None
        if code == current_language():
            return None
        box = QMessageBox(self.parentWidget())
        box.setObjectName("languageNotice")
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle(self.tr("Language"))
        # Said in both languages: the person choosing may not read the current one.
        box.setText(
            self.tr("Restart Wavesmith to use the interface in {language}.").format(
                language=LANGUAGES[code]
            )
            + "\n"
            + _RESTART_IN[code]
        )
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        box.open()  # not exec(): nothing waits on the answer
        self.notice = box
        return box


# The restart notice in the language chosen, whatever the interface's language is now.
_RESTART_IN = {
    "en": "Restart Wavesmith to use the interface in English.",
    "fr": "Redémarrez Wavesmith pour utiliser l'interface en français.",
}

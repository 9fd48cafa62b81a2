"""Tables a fact-checker reads word for word are shown whole."""
import pandas as pd

from missing_offenders.publish import display

LONG_TEXT = "SYNTHETIC raw text " * 10  # 190 characters, longer than display.CELL_WIDTH


def test_in_full_shows_every_character_then_restores_the_width():
    display.setup()
    frame = pd.DataFrame({"raw_text": [LONG_TEXT]})
    assert LONG_TEXT.strip() not in repr(frame)  # cut by setup()
    shown = []
    display.in_full(frame, show=lambda f: shown.append((repr(f), f._repr_html_())))
    assert all(LONG_TEXT.strip() in text for text in shown[0])
    assert pd.get_option("display.max_colwidth") == display.CELL_WIDTH

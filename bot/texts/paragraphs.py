"""The cable's paragraph headings, as the cable gives them (25-28); 29 and 30 lost theirs in the
text, so these name what their items cover."""

from __future__ import annotations

HEADINGS: dict[str, str] = {
    "25": "Tajikistan's TIP Situation",
    "26": "Background to Government's Anti-TIP Efforts",
    "27": "Investigation and Prosecution",
    "28": "Protection and Assistance to Victims",
    "29": "Prevention",
    "30": "Partnerships",
}
CABLE_HEADER = "The cable itself"  # the facts of section "cable": office, date, subject, reference


def paragraph_label(paragraph: str) -> str:
    """'¶26 Background to Government's Anti-TIP Efforts'; the cable header for 'cable'."""
    if paragraph == "cable":
        return CABLE_HEADER
    heading = HEADINGS.get(paragraph)
    return f"¶{paragraph} {heading}" if heading else f"¶{paragraph}"

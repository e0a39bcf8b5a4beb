"""tip-bot: cited answers from cable DUSHANBE 000170 (2010 TIP report for Tajikistan)."""

__version__ = "0.1.0"

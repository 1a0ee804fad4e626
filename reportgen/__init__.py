"""reportgen: explainable sourcing scorecards for news articles."""

__version__ = "0.1.0"

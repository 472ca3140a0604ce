"""Models of padu.information."""

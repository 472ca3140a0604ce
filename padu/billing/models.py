"""Models of padu.billing."""

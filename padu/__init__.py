"""Padu: an open-source e-government (SPBE) platform for Indonesia."""

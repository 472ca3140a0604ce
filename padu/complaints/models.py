"""Models of padu.complaints."""

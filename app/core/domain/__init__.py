"""Plain data the UI and documents see: enums and dataclasses, no ORM, no Qt."""

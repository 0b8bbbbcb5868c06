package nl.koers.identity;

/** The actors of Koers (DESIGN.md "Actors"). */
public enum Role {
  YOUTH,
  PARENT,
  FOSTER_PARENT,
  MENTOR,
  PROFESSIONAL,
  REGION_ANALYST,
  REGION_ADMIN
}

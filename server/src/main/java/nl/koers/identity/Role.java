package nl.koers.identity;

/** The actors of Koers (docs/ARCHITECTURE.md, "Who uses it"). */
public enum Role {
  YOUTH,
  PARENT,
  FOSTER_PARENT,
  MENTOR,
  PROFESSIONAL,
  REGION_ANALYST,
  REGION_ADMIN
}

package nl.koers.identity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;

/**
 * Someone known to Koers. Region roles (professional, analyst, admin) are held here; the roles a
 * person has towards a young person come from that young person's care circle.
 */
public record Person(
    String id,
    Optional<String> handle,
    String name,
    List<RegionRole> regionRoles,
    Optional<Instant> activatedAt) {

  /**
   * A role within one region. A professional may work for an organisation of the region (a youth
   * care provider); the region's indicators are then also counted per organisation, never per
   * professional.
   */
  public record RegionRole(Role role, String regionId, Optional<String> organisationId) {

    public RegionRole(Role role, String regionId) {
      this(role, regionId, Optional.empty());
    }

    Document toDocument() {
      Document doc = new Document("role", role.name()).append("regionId", regionId);
      organisationId.ifPresent(o -> doc.append("organisationId", o));
      return doc;
    }

    static RegionRole from(Document doc) {
      return new RegionRole(
          Role.valueOf(doc.getString("role")),
          doc.getString("regionId"),
          Optional.ofNullable(doc.getString("organisationId")));
    }
  }

  public boolean has(Role role, String regionId) {
    return regionRoles.stream().anyMatch(r -> r.role() == role && r.regionId().equals(regionId));
  }

  /** The organisation this person works for as a professional of the region, if any. */
  public Optional<String> organisationIn(String regionId) {
    return regionRoles.stream()
        .filter(r -> r.role() == Role.PROFESSIONAL && r.regionId().equals(regionId))
        .flatMap(r -> r.organisationId().stream())
        .findFirst();
  }

  /** Signed in on their own phone at least once (an account is linked). */
  public boolean activated() {
    return activatedAt.isPresent();
  }

  Document toDocument() {
    Document doc = new Document("_id", id).append("name", name);
    handle.ifPresent(h -> doc.append("handle", h));
    doc.append("regionRoles", regionRoles.stream().map(RegionRole::toDocument).toList());
    activatedAt.ifPresent(at -> doc.append("activatedAt", Date.from(at)));
    return doc;
  }

  static Person from(Document doc) {
    List<RegionRole> roles = new ArrayList<>();
    for (Document role : doc.getList("regionRoles", Document.class, List.of())) {
      roles.add(RegionRole.from(role));
    }
    return new Person(
        doc.getString("_id"),
        Optional.ofNullable(doc.getString("handle")),
        doc.getString("name"),
        List.copyOf(roles),
        Optional.ofNullable(doc.getDate("activatedAt")).map(Date::toInstant));
  }
}

package nl.koers.platform.module;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A store other capabilities may use directly. Any other store belongs to its capability alone: the
 * others reach its documents through that capability's service, which applies its rules (consent,
 * age rules, the access log). ArchitectureTest holds this; {@link #why} says why the exception is
 * safe.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface SharedStore {

  /** Why other capabilities may read or write these documents without the owner's service. */
  String why();
}

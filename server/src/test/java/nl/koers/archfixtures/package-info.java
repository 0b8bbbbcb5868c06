/**
 * Fixtures for ArchitectureTest: a miniature of the application ({@code feedback}, {@code mentor},
 * {@code identity} and {@code demo} capabilities, a {@code platform}) with one class planted per
 * rule that breaks exactly that rule, next to classes that keep to the rules. The test shows that
 * each rule flags its planted class and nothing else.
 */
package nl.koers.archfixtures;

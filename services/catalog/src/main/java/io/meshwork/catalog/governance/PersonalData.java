package io.meshwork.catalog.governance;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Recognises columns that probably hold personal data, from their name or their examples, so a
 * governance rule can insist they carry a classification. A hint, not a classifier: it looks at
 * the words of a name ({@code customerEmail}, {@code ship_to_address}, {@code ip}) and at example
 * values shaped like e-mail addresses, phone numbers or IP addresses. A bare {@code name} is not
 * flagged (products, SKUs and teams have names too); {@code first_name}, {@code customer_name} are.
 */
final class PersonalData {

  private static final Set<String> PERSONAL_WORDS = Set.of(
      "email", "mail", "phone", "mobile", "telephone", "tel", "fax", "address", "street", "zip", "zipcode", "postcode",
      "postal", "ip", "ipv4", "ipv6", "birth", "birthday", "birthdate", "dob", "ssn", "passport", "iban", "surname",
      "firstname", "lastname", "fullname", "username", "gender", "nationality", "geolocation", "latitude", "longitude");
  /** Words that make {@code name} a person's name. */
  private static final Set<String> PERSON_QUALIFIERS = Set.of(
      "first", "last", "full", "given", "family", "middle", "maiden", "nick", "sur", "customer", "user", "person", "contact",
      "employee", "patient", "account", "holder", "recipient", "sender", "buyer", "client", "member");
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[A-Za-z]{2,}");
  private static final Pattern PHONE = Pattern.compile("\\+[0-9][0-9 ()./-]{6,}[0-9]|\\(?[0-9]{3}\\)?[ .-][0-9]{3}[ .-][0-9]{4}");
  private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f]{1,4}(:[0-9A-Fa-f]{0,4}){2,7}");

  private PersonalData() {}

  /** Why a column looks personal ("its name mentions 'email'"), or empty when it does not. */
  static Optional<String> why(String name, JsonNode examples) {
    List<String> words = words(name);
    for (String word : words) {
      if (PERSONAL_WORDS.contains(word)) {
        return Optional.of("its name mentions '" + word + "'");
      }
    }
    if (words.contains("name") && words.stream().anyMatch(PERSON_QUALIFIERS::contains)) {
      return Optional.of("its name looks like a person's name");
    }
    if (examples != null) {
      for (JsonNode example : examples) {
        if (!example.isTextual()) {
          continue;
        }
        String value = example.asText().trim();
        if (EMAIL.matcher(value).matches()) {
          return Optional.of("its example '" + value + "' looks like an e-mail address");
        }
        if (PHONE.matcher(value).matches()) {
          return Optional.of("its example '" + value + "' looks like a phone number");
        }
        if (IPV4.matcher(value).matches() || IPV6.matcher(value).matches()) {
          return Optional.of("its example '" + value + "' looks like an IP address");
        }
      }
    }
    return Optional.empty();
  }

  /** {@code customerEmail}, {@code customer_email}, {@code Customer-Email} → [customer, email]. */
  static List<String> words(String name) {
    List<String> words = new ArrayList<>();
    String spaced = name.replaceAll("([a-z0-9])([A-Z])", "$1 $2").replaceAll("([A-Z]+)([A-Z][a-z])", "$1 $2");
    for (String word : spaced.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) {
      if (!word.isEmpty()) {
        words.add(word);
      }
    }
    return words;
  }
}

package org.avca4j.trainer.method;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.avca4j.trainer.method.apn.ApnMethod;
import org.avca4j.trainer.method.avca.AvcaMethod;
import org.avca4j.trainer.method.avgzslnet.AvgzslNet;
import org.avca4j.trainer.method.cjme.Cjme;
import org.avca4j.trainer.method.clipclap.ClipClapMethod;
import org.avca4j.trainer.method.devise.DeviseMethod;
import org.avca4j.trainer.method.fvaegan.FvaeganMethod;
import org.avca4j.trainer.method.tcaf.TcafMethod;
import org.avca4j.trainer.method.tcaf.TcafSettings;

/** The registry of methods, in the order of the paper's Table 2. Adding a method: one line here. */
public final class Methods {

    private static final Map<String, Supplier<GzslMethod>> REGISTRY = registry();

    private Methods() {}

    private static Map<String, Supplier<GzslMethod>> registry() {
        Map<String, Supplier<GzslMethod>> m = new LinkedHashMap<>();
        // One line per method, in the order of the paper's Table 2.
        m.put(AvcaMethod.ID, AvcaMethod::new);
        m.put("ale", DeviseMethod::ale);
        m.put("sje", DeviseMethod::sje);
        m.put("devise", DeviseMethod::devise);
        m.put("apn", ApnMethod::new);
        m.put(FvaeganMethod.ID, FvaeganMethod::new);
        m.put(Cjme.ID, Cjme::new);
        m.put(AvgzslNet.ID, AvgzslNet::new);
        // Successors (not in Table 2, SUCCESSORS-SPEC).
        m.put(ClipClapMethod.ID, ClipClapMethod::new);
        m.put(TcafSettings.ID, TcafMethod::new);
        return Collections.unmodifiableMap(m);
    }

    /**
     * The ids of the paper's Table 2 (docs/protocol.md#published-figures), in its row order,
     * whether or not this build registers them.
     */
    public static final List<String> PAPER_IDS =
            List.of("ale", "sje", "devise", "apn", "fvaegan", "cjme", "avgzslnet", "avca");

    /** Whether a method of this id (case-insensitive) is registered in this build. */
    public static boolean isRegistered(String id) {
        return REGISTRY.containsKey(id.trim().toLowerCase(Locale.ROOT));
    }

    /** The ids of every registered method, in table order. */
    public static List<String> ids() {
        return new ArrayList<>(REGISTRY.keySet());
    }

    /**
     * The method of an id (case-insensitive).
     *
     * @throws IllegalArgumentException if no method has that id; the message lists the ids
     */
    public static GzslMethod of(String id) {
        Supplier<GzslMethod> s = REGISTRY.get(id.trim().toLowerCase(Locale.ROOT));
        if (s == null) {
            throw new IllegalArgumentException(
                    "unknown method '" + id + "': expected one of " + String.join(", ", ids()));
        }
        return s.get();
    }
}

package org.avca4j.trainer.method;

import java.util.Map;

/**
 * A method's settings: the published flags of one run, each overridable. Implemented by one
 * immutable record per method.
 */
public interface MethodSettings {

    /**
     * Every setting by its name, in a stable order: recorded in the run spec (a resumed run must
     * use the same settings), the report and the model card.
     */
    Map<String, Object> asMap();
}

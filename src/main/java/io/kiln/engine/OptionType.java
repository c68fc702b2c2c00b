package io.kiln.engine;

/** The kinds of value an engine option takes; each knows how to check a raw string. */
public enum OptionType {
    STRING,
    BOOLEAN,
    INTEGER,
    DECIMAL,
    /** 1-based page ranges such as {@code 1,3-5,!1}; see {@link PageRanges}. */
    PAGES,
    /** one of a fixed set of values, listed in {@link OptionSpec#values()} */
    ENUM,
    /** one or more of the values in {@link OptionSpec#values()} joined by {@code +}, such as {@code eng+deu} */
    ENUM_LIST
}

package io.orderhub.state.domain;

final class Text {
    private Text() {
    }

    static boolean present(String s) {
        return s != null && !s.isBlank();
    }
}

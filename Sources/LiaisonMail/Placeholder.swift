public enum LiaisonMailPlaceholder {}

public enum LiaisonStorePlaceholder {}

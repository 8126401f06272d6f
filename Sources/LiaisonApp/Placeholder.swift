public enum LiaisonAppPlaceholder {}
